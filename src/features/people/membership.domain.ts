/** The team's own people, or the customer's. */
export type Side = 'team' | 'customer';

/** What the platform says about a person that can make them a customer. */
export interface SideFacts {
  /** Another organisation's person (Slack Connect). */
  organization?: { id: string; name: string } | undefined;
  /** A guest account (Slack single- or multi-channel guest). */
  isGuest?: boolean | undefined;
  /** Their platform roles (Discord role ids). */
  platformRoles?: readonly string[] | undefined;
}

/** Where the platform facts point: a side, and the customer when they name one. */
export type PlatformStanding =
  | { side: 'team' }
  | {
      side: 'customer';
      customer?: { kind: 'organization'; name: string } | { kind: 'role'; customerId: number } | undefined;
    };

/**
 * Team or customer as the platform tells it, before any admin's word: another organisation's
 * people are that organisation's; a holder of a customer role is the role's customer's; a guest is
 * a customer not yet named.
 * @example platformStanding({ organization: { id: 'T9', name: 'Acme' } }, new Map()) → { side: 'customer', customer: { kind: 'organization', name: 'Acme' } }
 * @example platformStanding({ platformRoles: ['42'] }, new Map([['42', 7]])) → { side: 'customer', customer: { kind: 'role', customerId: 7 } }
 */
export function platformStanding(
  facts: SideFacts,
  /** Platform role id → the customer its holders belong to (null: a customer not named). */
  customerRoles: ReadonlyMap<string, number | null>,
): PlatformStanding {
  if (facts.organization) {
    return { side: 'customer', customer: { kind: 'organization', name: facts.organization.name } };
  }
  for (const role of facts.platformRoles ?? []) {
    if (!customerRoles.has(role)) continue;
    const customerId = customerRoles.get(role) ?? null;
    return { side: 'customer', customer: customerId === null ? undefined : { kind: 'role', customerId } };
  }
  return facts.isGuest ? { side: 'customer' } : { side: 'team' };
}

/**
 * The side that holds in one group: an admin's word there, else the platform's.
 * @example effectiveSide(null, 'customer') === 'customer'
 */
export function effectiveSide(adminSide: Side | null | undefined, platformSide: Side): Side {
  return adminSide ?? platformSide;
}

const DAY_MS = 86_400_000;

/**
 * The instant inactivity counts from: the later of joining (or being first found) and the last
 * message, command or click. A member who never spoke since joining 45 days ago is 45 days silent.
 * @example silentSince(new Date('2026-10-01'), null) → 2026-10-01
 */
export function silentSince(joinedAt: Date, lastActiveAt: Date | null): Date {
  return lastActiveAt && lastActiveAt > joinedAt ? lastActiveAt : joinedAt;
}

/** Whole days between two instants, rounded down. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

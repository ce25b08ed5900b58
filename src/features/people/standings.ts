import { type PlatformStanding, platformStanding, type SideFacts } from './membership.domain.js';
import type { MembershipRepo } from './membership.repo.js';
import type { SeenMember } from './people.repo.js';

/** How long a workspace's customer roles are trusted before they are read again (another process may change them). */
const ROLES_MS = 5_000;

/**
 * Turns what the platform says about a person into their standing (team or customer, and which
 * customer), creating the customer an organisation names the first time it is seen.
 */
export class Standings {
  readonly #roles = new Map<string, { at: number; roles: Map<string, number | null> }>();

  constructor(private readonly membership: MembershipRepo) {}

  /** Undefined when the facts say nothing about the side (a console person, a Discord DM): the stored standing stays. */
  of(workspaceId: string, facts: SideFacts, now: Date): SeenMember['standing'] {
    if (facts.organization === undefined && facts.isGuest === undefined && facts.platformRoles === undefined)
      return undefined;
    return this.#resolve(workspaceId, platformStanding(facts, this.#customerRoles(workspaceId)), now);
  }

  /** The workspace's customer roles changed here: read them again. */
  forget(workspaceId: string): void {
    this.#roles.delete(workspaceId);
  }

  #resolve(workspaceId: string, standing: PlatformStanding, now: Date): SeenMember['standing'] {
    if (standing.side === 'team') return { side: 'team', customerId: null };
    const customer = standing.customer;
    if (!customer) return { side: 'customer', customerId: null };
    const customerId =
      customer.kind === 'role'
        ? customer.customerId
        : this.membership.customerNamed(workspaceId, customer.name, now);
    return { side: 'customer', customerId };
  }

  #customerRoles(workspaceId: string): Map<string, number | null> {
    const tick = performance.now();
    const hit = this.#roles.get(workspaceId);
    if (hit && tick - hit.at < ROLES_MS) return hit.roles;
    const roles = this.membership.customerRoles(workspaceId);
    this.#roles.set(workspaceId, { at: tick, roles });
    return roles;
  }
}

/** A rule a message broke, as the offence decision sees it. */
export interface OffenceHit {
  ruleId: number;
  /** Strikes the rule gives. */
  strikes: number;
  /** For a flood: when the member's current burst began (ms); the rule acts once per burst. */
  burstStart?: number;
}

/** A time a rule acted on the member (`count` 0: acted without a strike). */
export interface OffenceMark {
  ruleId: number;
  count: number;
  at: Date;
  pardoned: boolean;
}

export interface OffenceDecision {
  /** Rules that act on this message; a flood whose burst was already acted on is left out. */
  acting: number[];
  /** The rule whose strike this message earns, if any; none within a rule's cool-down. */
  struck: number | undefined;
  /** Strikes added: one message is one offence, weighing as its heaviest rule that may strike. */
  weight: number;
}

/**
 * Decides what one message's hits do, given what those rules did to the member lately: a burst is
 * one offence (a flood rule acts once while the burst lasts), a member gets at most one strike per
 * rule within the cool-down (unless pardoned), and a message gives at most one strike.
 * @example decideOffence([{ ruleId: 1, strikes: 1 }], [{ ruleId: 1, count: 1, at: fiveMinutesAgo, pardoned: false }], now, 600_000)
 *          → { acting: [1], struck: undefined, weight: 0 }
 */
export function decideOffence(
  hits: readonly OffenceHit[],
  marks: readonly OffenceMark[],
  now: number,
  cooldownMs: number,
): OffenceDecision {
  const acting = hits.filter(
    (hit) =>
      hit.burstStart === undefined ||
      !marks.some((m) => m.ruleId === hit.ruleId && m.at.getTime() >= (hit.burstStart as number)),
  );
  const cooling = (ruleId: number) =>
    marks.some((m) => m.ruleId === ruleId && m.count > 0 && !m.pardoned && m.at.getTime() > now - cooldownMs);
  let struck: OffenceHit | undefined;
  for (const hit of acting) {
    if (!cooling(hit.ruleId) && (!struck || hit.strikes > struck.strikes)) struck = hit;
  }
  return { acting: acting.map((h) => h.ruleId), struck: struck?.ruleId, weight: struck?.strikes ?? 0 };
}

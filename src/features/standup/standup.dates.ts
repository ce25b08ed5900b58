import { parseDay } from '../../core/dates.js';

/**
 * An away period: one day, "from to", or "until day" (also 到/至/~/-). Both ends inclusive.
 * @example parseAway('12月24日 到 12月31日', 'Asia/Shanghai', now) → { from: '2026-12-24', to: '2026-12-31' }
 */
export function parseAway(raw: string, zone: string, now: Date): { from: string; to: string } | undefined {
  const text = raw.normalize('NFKC').trim();
  const until = /^(?:until|till|到|至|直到)\s*(.+)$/iu.exec(text);
  if (until) {
    const to = parseDay(until[1] as string, zone, now);
    const from = parseDay('today', zone, now);
    return to && from && to >= from ? { from, to } : undefined;
  }
  const [first, second, ...rest] = text.split(/\s*(?:\s+to\s+|到|至|~|～|—|\s)\s*/iu).filter(Boolean);
  if (!first || rest.length) return undefined;
  const from = parseDay(first, zone, now);
  const to = second ? parseDay(second, zone, now) : from;
  return from && to && to >= from ? { from, to } : undefined;
}

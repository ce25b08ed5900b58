import type { Block, OutboundMessage } from '../../core/platform/messages.js';
import { packSections } from '../../core/platform/text-split.js';
import type { GroupFigures } from '../figures/figures.domain.js';
import { participationRate } from '../figures/figures.domain.js';
import {
  actionLine,
  blockerLines,
  feedbackLine,
  inactiveLine,
  moderationLine,
  participationLine,
  percent,
  type Reader,
  trend,
} from '../figures/figures.format.js';

/** Names listed as "missing most" per group. */
const MISSING_NAMES = 5;
/** Characters kept free for the header line (and "continued") and the platform's own markup. */
const HEADER_RESERVE = 200;
/** Slack's 50 blocks, less the header and the caption. */
const SECTIONS_PER_MESSAGE = 45;

/** What the composer needs beyond the figures: the title, and the chart or its table. */
export interface DigestParts {
  title: string;
  /** Said under the overview when the chart goes as a file. */
  chartCaption?: string;
  /** The text table, when the chart cannot go as a file (a monospace block). */
  table?: string;
}

/** One group's lines: compact, problems first. */
export function groupSection(f: GroupFigures, reader: Reader): string {
  const { t } = reader;
  const lines = [`*${f.name}*`, participationLine(f, t)];
  const missing = f.participation.members.filter((m) => m.missed > 0).slice(0, MISSING_NAMES);
  if (missing.length)
    lines.push(
      t('digest.missing', { names: missing.map((m) => `${m.name} (${m.missed})`).join(t('list.separator')) }),
    );
  if (f.blockers.length) lines.push(...blockerLines(f, t));
  lines.push(feedbackLine(f, t), moderationLine(f, t), inactiveLine(f, t));
  lines.push(...f.actions.filter((a) => a.overdue).map((a) => actionLine(a, reader)));
  return lines.join('\n');
}

/** The line across all groups: what a manager reads first. */
export function overviewSection(groups: readonly GroupFigures[], reader: Reader): string {
  const { t } = reader;
  const rate = participationRate(groups.flatMap((g) => g.participation.days));
  const previous = participationRate(groups.flatMap((g) => g.participation.previousDays));
  const change = trend(rate, previous, t);
  const line = t('digest.overview.line', {
    groups: groups.length,
    rate: percent(rate),
    trend: change ? ` ${change}` : '',
    feedback: groups.reduce((n, g) => n + g.feedback.count, 0),
    alerts: groups.reduce((n, g) => n + g.feedback.alerts, 0),
    violations: groups.reduce((n, g) => n + g.moderation.violations, 0),
    overdue: groups.reduce((n, g) => n + g.actions.filter((a) => a.overdue).length, 0),
  });
  return `*${t('digest.overview.title')}*\n${line}`;
}

/**
 * The digest as few messages as the platform allows: the overview, the chart's caption or table,
 * then a section per group; a message ends only between sections (a section too long on its own is
 * split at line breaks). Later parts say they continue the first.
 * @example composeDigest(figures, reader, { title: 'Weekly digest · Nov 30 – Dec 6' }, 2000) → [{ text, blocks }, …]
 */
export function composeDigest(
  groups: readonly GroupFigures[],
  reader: Reader,
  parts: DigestParts,
  maxChars: number,
): OutboundMessage[] {
  const { t } = reader;
  const sections = [overviewSection(groups, reader)];
  if (parts.chartCaption) sections.push(parts.chartCaption);
  if (parts.table) sections.push(`*${t('digest.table.title')}*\n\`\`\`\n${parts.table}\n\`\`\``);
  sections.push(...groups.map((g) => groupSection(g, reader)));
  const packed = packSections(sections, Math.max(500, maxChars - HEADER_RESERVE), SECTIONS_PER_MESSAGE);
  return packed.map((texts, i) => {
    const header =
      i === 0 ? parts.title : `${parts.title} ${t('digest.continued', { n: i + 1, total: packed.length })}`;
    const blocks: Block[] = [
      { type: 'header', text: header },
      ...texts.map((text): Block => ({ type: 'section', text })),
    ];
    return { text: header, blocks };
  });
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Font } from 'fontkit';

/** One day of one group: how many members answered out of how many were expected to. */
export interface ParticipationPoint {
  /** YYYY-MM-DD, the group's local date. */
  day: string;
  answered: number;
  /** 0 on days off (weekends, holidays): the day is a gap, not a 0%. */
  expected: number;
}

/** A group's days, in any order; days with no point are gaps too. */
export interface ParticipationSeries {
  /** Display name, may be Chinese. */
  group: string;
  points: readonly ParticipationPoint[];
}

/** Chart text in the reader's language. */
export interface ChartLabels {
  title: string;
  rateAxis: string;
}

/** Pixel size of the chart; the PNG is rendered at this size. */
export interface ChartSize {
  width?: number;
  height?: number;
}

/** Table text in the reader's language. */
export interface TableLabels {
  /** Heading of the group column. */
  group: string;
  /** Heading of a week column, from the week's first day (YYYY-MM-DD). */
  week: (weekStart: string) => string;
  /** The last line when rows are cut; the catalog's string should be passed (English default). */
  more?: (count: number) => string;
}

const DAY_MS = 86_400_000;
const WEEKS = 4;
const DAYS = WEEKS * 7;
const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 450;
/** Discord's message limit, the tighter of the two platforms. */
const TABLE_MAX = 2000;
/** Columns (CJK counts 2) a group name may take in the table, so one long name cannot widen every row. */
const TABLE_NAME_COLUMNS = 24;
const TABLE_WEEK_COLUMNS = 12;
/** Columns a legend entry may take: about the legend's width at 12px. */
const LEGEND_NAME_COLUMNS = 18;
/** Pixels a column (half a CJK character) takes at 12px, and in the 16px bold title. */
const COLUMN_PX = 7;
const TITLE_COLUMN_PX = 10;

/**
 * Okabe & Ito's palette, which stays distinct under the common colour-vision deficiencies, ordered
 * so the first lines have the most contrast on white (yellow is last).
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];

/**
 * The one typeface of the chart, in the SVG and the PNG alike: Noto Sans S Chinese, the Simplified
 * Chinese set of Noto Sans CJK 1.0 (OFL-1.1), from the npm package @embedpdf/fonts-sc (regular and
 * bold, about 8 MB each). It has about 30,000 characters: Latin-1, Greek, Cyrillic, full-width
 * forms, kana and nearly all of the CJK blocks (Simplified and Traditional), but little of Latin
 * Extended and no Hangul or emoji, which draw as its empty box. The PNG never uses a system
 * font, so it looks the same on every machine, a container with no font at all included.
 * Browsers showing the SVG use the family where it is installed, else their own sans-serif.
 */
const FONT_FAMILY = 'Noto Sans S Chinese';
const FONT_PACKAGE = '@embedpdf/fonts-sc';
const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;
type FontWeight = keyof typeof FONT_FILES;

/** Days since 1970-01-01 for a YYYY-MM-DD date, or NaN when it is not one. */
function dayNumber(day: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) / DAY_MS : Number.NaN;
}

function dayString(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** The 28 days shown: the four weeks ending on the latest day any group has, or none without data. */
function windowStart(series: readonly ParticipationSeries[]): number | undefined {
  let last = Number.NEGATIVE_INFINITY;
  for (const s of series)
    for (const p of s.points) {
      const n = dayNumber(p.day);
      if (n > last) last = n;
    }
  return Number.isFinite(last) ? last - DAYS + 1 : undefined;
}

/** Answered and expected per day of the window; two points on one day add up. */
function dailyTotals(series: ParticipationSeries, start: number): { answered: number; expected: number }[] {
  const totals = Array.from({ length: DAYS }, () => ({ answered: 0, expected: 0 }));
  for (const p of series.points) {
    const total = totals[dayNumber(p.day) - start];
    if (!total || !(p.expected > 0) || !(p.answered >= 0)) continue;
    total.answered += p.answered;
    total.expected += p.expected;
  }
  return totals;
}

/** 0..1; members who answered while not expected do not push a day past 100%. */
function rate(answered: number, expected: number): number | undefined {
  return expected > 0 ? Math.min(1, answered / expected) : undefined;
}

/** XML 1.0 forbids most control characters even escaped, and a chat name can carry them. */
function isXmlChar(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
}

function escapeXml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join('')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;');
}

/** Wide (CJK, Hangul, full-width forms) characters take two columns in a monospace font. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** Columns a text takes in a monospace font, a wide character counting two: '研发 R&D' takes 8. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

/** Cut to at most `columns` display columns, marking the cut with "…". */
function fitColumns(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
    if (width + w > columns - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

/**
 * The path of one of the bundled font files. The package exports only its script (dist/…), not
 * package.json: resolve that, from this module rather than the working directory, and walk up to
 * the package root, where the fonts are in fonts/.
 */
export function chartFontFile(weight: FontWeight = 'regular'): string {
  const entry = createRequire(import.meta.url).resolve(FONT_PACKAGE);
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === FONT_PACKAGE) return join(dir, 'fonts', FONT_FILES[weight]);
    } catch {
      // No package.json at this level: go on up.
    }
  }
  throw new Error(`no package root above ${entry}`);
}

const loadedFonts = new Map<FontWeight, Font>();

/**
 * The bundled font, parsed once per process. fontkit itself is loaded here, not on import: it
 * takes about 0.1 s to load, and the font files are about 8 MB each. The first chart of a process
 * pays for both (about 0.1 to 0.2 s in all); `preloadChartFonts` moves that to start-up.
 */
function chartFont(weight: FontWeight): Font {
  let font = loadedFonts.get(weight);
  if (!font) {
    const require = createRequire(import.meta.url);
    const fontkit = require('fontkit') as typeof import('fontkit');
    const file = chartFontFile(weight);
    const parsed = fontkit.create(readFileSync(file));
    if ('fonts' in parsed) throw new Error(`${file} is a font collection, not one font`);
    font = parsed;
    loadedFonts.set(weight, font);
  }
  return font;
}

/**
 * Loads fontkit and the bundled fonts and renders a small chart, so that the first real chart of
 * the process is as fast as the rest; for start-up, when a digest is due soon after.
 */
export function preloadChartFonts(): void {
  const series = [{ group: '研发 R&D', points: [{ day: '2026-01-05', answered: 4, expected: 5 }] }];
  participationPng(series, { title: '参与率 Rate', rateAxis: '参与率 Rate' }, { width: 320, height: 180 });
}

/** Where and how a label is drawn; `fill` and the size otherwise come from the enclosing element. */
interface TextStyle {
  x: number;
  y: number;
  /** Pixels; 12 (the root's) when not given. */
  size?: number;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  /** Degrees clockwise about (x, y). */
  rotate?: number;
}

/** Turns a label into SVG: a `<text>` element, or its outline as a `<path>` (see `participationPng`). */
type TextRenderer = (style: TextStyle, content: string) => string;

function transform(style: TextStyle): string {
  return style.rotate ? ` transform="rotate(${style.rotate} ${px(style.x)} ${px(style.y)})"` : '';
}

const textElement: TextRenderer = (style, content) => {
  const attributes = [
    `x="${px(style.x)}"`,
    `y="${px(style.y)}"`,
    style.size ? `font-size="${style.size}"` : '',
    style.bold ? 'font-weight="bold"' : '',
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.fill ? `fill="${style.fill}"` : '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}${transform(style)}>${escapeXml(content)}</text>`;
};

/** Two decimals: glyph outlines at 12px need finer steps than the lines. */
function coordinate(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * The label as one `<path>` of its glyph outlines from the bundled font, laid out by fontkit
 * (kerning and the font's default features), so resvg draws text without any font of its own.
 * A character the font lacks draws as the font's .notdef box.
 */
const textOutline: TextRenderer = (style, content) => {
  const text = [...content].filter(isXmlChar).join('');
  const font = chartFont(style.bold ? 'bold' : 'regular');
  const scale = (style.size ?? 12) / font.unitsPerEm;
  const run = font.layout(text);
  const width = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
  let penX = style.x - (style.anchor === 'middle' ? width / 2 : style.anchor === 'end' ? width : 0);
  const d: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i];
    const originX = penX + (position?.xOffset ?? 0) * scale;
    const originY = style.y - (position?.yOffset ?? 0) * scale;
    const point = (args: readonly number[], at: number) =>
      `${coordinate(originX + (args[at] ?? 0) * scale)} ${coordinate(originY - (args[at + 1] ?? 0) * scale)}`;
    for (const { command, args } of glyph.path.commands) {
      if (command === 'moveTo') d.push(`M${point(args, 0)}`);
      else if (command === 'lineTo') d.push(`L${point(args, 0)}`);
      else if (command === 'quadraticCurveTo') d.push(`Q${point(args, 0)} ${point(args, 2)}`);
      else if (command === 'bezierCurveTo') d.push(`C${point(args, 0)} ${point(args, 2)} ${point(args, 4)}`);
      else d.push('Z');
    }
    penX += (position?.xAdvance ?? 0) * scale;
  });
  if (d.length === 0) return '';
  return `<path${style.fill ? ` fill="${style.fill}"` : ''}${transform(style)} d="${d.join('')}"/>`;
};

/** One decimal is below a pixel and keeps the SVG small. */
function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * An SVG line chart of the participation rate per day, one line per group, over the 28 days ending
 * on the latest day in the data. Days with nothing expected (or no data) are gaps in the line; each
 * day with data also gets a dot, so a working day between two days off still shows. The first 8
 * groups get lines in colour-blind-safe colours; more are counted in the legend ("+N") and belong
 * in the table. Names are XML-escaped. Labels are `<text>` in the bundled family (see FONT_FAMILY)
 * with generic sans-serif after it; no font is embedded (`participationPng` draws their outlines).
 * @example participationSvg([{ group: '研发', points: [{ day: '2026-12-01', answered: 4, expected: 5 }] }],
 *   { title: '站会参与率', rateAxis: '参与率' }) → '<svg xmlns=… width="800" height="450" …>…</svg>'
 */
export function participationSvg(
  series: readonly ParticipationSeries[],
  labels: ChartLabels,
  options: ChartSize = {},
): string {
  return chartSvg(series, labels, options, textElement);
}

function chartSvg(
  series: readonly ParticipationSeries[],
  labels: ChartLabels,
  options: ChartSize,
  text: TextRenderer,
): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const legendWidth = 190;
  const plot = { left: 64, right: width - legendWidth, top: 48, bottom: height - 40 };
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const x = (dayIndex: number) => plot.left + (dayIndex * plotWidth) / (DAYS - 1);
  const y = (value: number) => plot.bottom - value * plotHeight;
  const axisMiddle = plot.top + plotHeight / 2;
  const start = windowStart(series);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}, sans-serif" font-size="12">`,
    // Chat clients in dark mode show a transparent PNG as black on dark grey.
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(
      { x: plot.left, y: 28, size: 16, bold: true, fill: '#222222' },
      fitColumns(labels.title, Math.floor((width - plot.left) / TITLE_COLUMN_PX)),
    ),
    text(
      { x: 16, y: axisMiddle, rotate: -90, anchor: 'middle', fill: '#444444' },
      fitColumns(labels.rateAxis, Math.floor(plotHeight / COLUMN_PX)),
    ),
    '<g class="grid" stroke="#d9d9d9" stroke-width="1">',
  ];
  for (let pct = 0; pct <= 100; pct += 25)
    out.push(
      `<line x1="${plot.left}" y1="${px(y(pct / 100))}" x2="${plot.right}" y2="${px(y(pct / 100))}"/>`,
    );
  out.push('</g>', '<g class="rate-labels" fill="#444444">');
  for (let pct = 0; pct <= 100; pct += 25)
    out.push(text({ x: plot.left - 6, y: y(pct / 100) + 4, anchor: 'end' }, `${pct}%`));
  out.push('</g>', '<g class="day-labels" fill="#444444">');
  if (start !== undefined)
    for (let i = 0; i < DAYS; i += 7)
      out.push(text({ x: x(i), y: plot.bottom + 20, anchor: 'middle' }, dayString(start + i).slice(5)));
  out.push('</g>');

  const shown = series.slice(0, PALETTE.length);
  shown.forEach((s, index) => {
    const colour = PALETTE[index] ?? '#000000';
    const rates = start === undefined ? [] : dailyTotals(s, start).map((t) => rate(t.answered, t.expected));
    const d: string[] = [];
    const dots: string[] = [];
    rates.forEach((r, i) => {
      if (r === undefined) return;
      // A day after a gap (or the first day) starts a new subpath: that is what leaves the gap.
      d.push(`${rates[i - 1] === undefined ? 'M' : 'L'}${px(x(i))} ${px(y(r))}`);
      dots.push(`<circle cx="${px(x(i))}" cy="${px(y(r))}" r="2.5" fill="${colour}"/>`);
    });
    out.push(
      `<g class="series" data-group="${escapeXml(s.group)}">`,
      `<path d="${d.join(' ')}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
      ...dots,
      '</g>',
    );
  });

  out.push('<g class="legend" fill="#222222">');
  const legendX = plot.right + 20;
  shown.forEach((s, index) => {
    const rowY = plot.top + index * 22;
    out.push(
      `<line x1="${legendX}" y1="${rowY}" x2="${legendX + 18}" y2="${rowY}" stroke="${PALETTE[index] ?? '#000000'}" stroke-width="3"/>`,
      text({ x: legendX + 26, y: rowY + 4 }, fitColumns(s.group, LEGEND_NAME_COLUMNS)),
    );
  });
  if (series.length > shown.length)
    out.push(
      text({ x: legendX + 26, y: plot.top + shown.length * 22 + 4 }, `+${series.length - shown.length}`),
    );
  out.push('</g>', '</svg>');
  return out.join('\n');
}

/**
 * The chart as PNG bytes, rendered by resvg (no browser), its text in the bundled font only
 * (FONT_FAMILY, Latin and Chinese alike), so the picture is the same on every machine and needs
 * no installed font. Each label goes to resvg as the outline of its glyphs (see `textOutline`),
 * with resvg's own font loading off: resvg 2.6 rebuilds its font database on every render and
 * reads the whole font file again for every glyph it outlines (no memory mapping), about 2 ms a
 * glyph for this 8 MB file, so a Chinese chart took over 100 ms; fontkit parses the file once per
 * process instead. The first chart of a process loads fontkit and the fonts, about 0.1 to 0.2 s
 * more (`preloadChartFonts` does that ahead).
 * @example attachment: { filename: 'participation.png', contentType: 'image/png', base64: participationPng(series, labels).toString('base64') }
 */
export function participationPng(
  series: readonly ParticipationSeries[],
  labels: ChartLabels,
  options: ChartSize = {},
): Buffer {
  const svg = chartSvg(series, labels, options, textOutline);
  const resvg = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

/**
 * The same data as text, for places that cannot show a file: one row per group, one column per
 * week with the week's rate (answers over expected answers, so a busy day weighs more than a
 * quiet one; "–" for a week off). Columns line up in a monospace font, Chinese counting double
 * width. At most 2,000 characters: extra rows are cut with "…and N more".
 * @example participationTable([{ group: '研发', points }], { group: '群组', week: (d) => d.slice(5) })
 *          === '群组  11-09  11-16  11-23  11-30\n研发    80%    75%      –    90%'
 */
export function participationTable(series: readonly ParticipationSeries[], labels: TableLabels): string {
  const more = labels.more ?? ((count: number) => `…and ${count} more`);
  const start = windowStart(series);
  const weekStarts = start === undefined ? [] : Array.from({ length: WEEKS }, (_, w) => start + w * 7);
  const header = [
    fitColumns(labels.group, TABLE_NAME_COLUMNS),
    ...weekStarts.map((w) => fitColumns(labels.week(dayString(w)), TABLE_WEEK_COLUMNS)),
  ];
  const rows = series.map((s) => {
    const totals = start === undefined ? [] : dailyTotals(s, start);
    const weeks = weekStarts.map((_, w) => {
      const days = totals.slice(w * 7, w * 7 + 7);
      const r = rate(
        days.reduce((sum, t) => sum + t.answered, 0),
        days.reduce((sum, t) => sum + t.expected, 0),
      );
      return r === undefined ? '–' : `${Math.round(r * 100)}%`;
    });
    return [fitColumns(s.group, TABLE_NAME_COLUMNS), ...weeks];
  });
  const widths = header.map((_, c) =>
    Math.max(...[header, ...rows].map((cells) => displayWidth(cells[c] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - displayWidth(cell));
        return c === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();

  const lines = [header, ...rows].map(line);
  const full = lines.join('\n');
  if (full.length <= TABLE_MAX) return full;
  let text = lines[0] ?? '';
  let kept = 0;
  for (const row of lines.slice(1)) {
    const next = `${text}\n${row}`;
    if (`${next}\n${more(rows.length - kept - 1)}`.length > TABLE_MAX) break;
    text = next;
    kept++;
  }
  return `${text}\n${more(rows.length - kept)}`;
}

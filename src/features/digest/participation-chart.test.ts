import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { openSync } from 'fontkit';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  chartFontFile,
  type ParticipationSeries,
  participationPng,
  participationSvg,
  participationTable,
  preloadChartFonts,
} from './participation-chart.js';

/** 2026-11-02 is a Monday: days 5, 6, 12, 13, … are the weekends. */
function day(index: number): string {
  return new Date(Date.UTC(2026, 10, 2 + index)).toISOString().slice(0, 10);
}

const isWeekend = (index: number) => index % 7 === 5 || index % 7 === 6;

/** 28 days of a group: `answered` of 10 on working days, nothing expected at weekends. */
function weekdays(group: string, answered: (index: number) => number = () => 8): ParticipationSeries {
  return {
    group,
    points: Array.from({ length: 28 }, (_, i) => ({
      day: day(i),
      answered: isWeekend(i) ? 0 : answered(i),
      expected: isWeekend(i) ? 0 : 10,
    })),
  };
}

const labels = { title: '站会参与率', rateAxis: '参与率' };

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character data with its entities decoded; a raw "<" or a stray "&" is an error. */
function decode(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (ch === '<') throw new Error(`raw "<" in character data: ${raw}`);
    if (ch !== '&') {
      out += ch;
      continue;
    }
    const end = raw.indexOf(';', i);
    const value = end < 0 ? undefined : ENTITIES[raw.slice(i + 1, end)];
    if (value === undefined) throw new Error(`stray "&" in character data: ${raw}`);
    out += value;
    i = end;
  }
  return out;
}

const isSpace = (ch: string) => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';

/**
 * A small XML tokenizer, enough for the chart: elements, quoted attributes, text and the five
 * predefined entities. Throws on unbalanced or mismatched tags, unquoted or repeated attributes,
 * and unescaped markup characters; returns the one root element.
 */
function parseXml(xml: string): XmlElement {
  const document: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [document];
  let i = 0;
  while (i < xml.length) {
    const top = stack[stack.length - 1] as XmlElement;
    if (xml.charAt(i) !== '<') {
      const next = xml.indexOf('<', i);
      const stop = next < 0 ? xml.length : next;
      top.text += decode(xml.slice(i, stop));
      i = stop;
      continue;
    }
    i++;
    const closing = xml.charAt(i) === '/';
    if (closing) i++;
    let name = '';
    while (i < xml.length && !isSpace(xml.charAt(i)) && xml.charAt(i) !== '/' && xml.charAt(i) !== '>')
      name += xml.charAt(i++);
    if (!name) throw new Error(`empty tag name at ${i}`);
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      while (isSpace(xml.charAt(i))) i++;
      if (xml.charAt(i) === '>') {
        i++;
        break;
      }
      if (xml.startsWith('/>', i)) {
        selfClosing = true;
        i += 2;
        break;
      }
      if (closing) throw new Error(`attributes on closing tag </${name}>`);
      let attribute = '';
      while (i < xml.length && xml.charAt(i) !== '=' && !isSpace(xml.charAt(i))) attribute += xml.charAt(i++);
      const quote = xml.charAt(i + 1);
      if (!attribute || xml.charAt(i) !== '=' || (quote !== '"' && quote !== "'"))
        throw new Error(`bad attribute "${attribute}" in <${name}>`);
      const end = xml.indexOf(quote, i + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attribute}`);
      if (attribute in attributes) throw new Error(`repeated attribute ${attribute} in <${name}>`);
      attributes[attribute] = decode(xml.slice(i + 2, end));
      i = end + 1;
    }
    if (closing) {
      if (stack.length < 2 || top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (document.children.length !== 1 || document.text.trim() !== '') throw new Error('not one root element');
  return document.children[0] as XmlElement;
}

function all(element: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement[] {
  return [
    ...(predicate(element) ? [element] : []),
    ...element.children.flatMap((child) => all(child, predicate)),
  ];
}

function byClass(root: XmlElement, name: string): XmlElement {
  const [found] = all(root, (e) => e.attributes.class === name);
  if (!found) throw new Error(`no element of class ${name}`);
  return found;
}

/** The [x, y] of each command of a path's d, and how many subpaths ("M") it has. */
function pathPoints(d: string): { moves: number; points: [number, number][] } {
  const commands = d.split(' M').join('|M').split(' L').join('|L').split('|').filter(Boolean);
  const points = commands.map((c) => {
    const [x, y] = c.slice(1).split(' ').map(Number);
    return [x, y] as [number, number];
  });
  return { moves: commands.filter((c) => c.startsWith('M')).length, points };
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Image {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Buffer;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Decoded with pngjs, so the check does not go through resvg itself. */
function decodePng(png: Buffer): Image {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, data };
}

/** The pixels inside a box, row by row, as an image of their own. */
function region(image: Image, box: Box): Image {
  const width = box.right - box.left;
  const rows = Array.from({ length: box.bottom - box.top }, (_, r) => {
    const start = ((box.top + r) * image.width + box.left) * 4;
    return image.data.subarray(start, start + width * 4);
  });
  return { width, height: rows.length, data: Buffer.concat(rows) };
}

/** The title's line at the default size: above the plot (which starts at y 48), left of the legend. */
const TITLE: Box = { left: 56, top: 4, right: 600, bottom: 40 };

function titleRegion(png: Buffer): Image {
  return region(decodePng(png), TITLE);
}

/** Pixels dark enough to be text on the white background. */
function ink(image: Image): number {
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4)
    if ((image.data[i] ?? 255) + (image.data[i + 1] ?? 255) + (image.data[i + 2] ?? 255) < 3 * 160) count++;
  return count;
}

function differentPixels(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) count++;
  return count;
}

/** The largest difference in any colour channel between two images of one size. */
function largestDifference(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let largest = 0;
  for (let i = 0; i < a.data.length; i++)
    largest = Math.max(largest, Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)));
  return largest;
}

describe('participationSvg', () => {
  it('is well-formed XML that resvg parses, at the default or requested size', () => {
    const svg = participationSvg([weekdays('研发一组'), weekdays('Sales')], labels);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect([root.attributes.width, root.attributes.height]).toEqual(['800', '450']);
    expect(() => new Resvg(svg)).not.toThrow();
    const small = parseXml(participationSvg([weekdays('Sales')], labels, { width: 640, height: 360 }));
    expect([small.attributes.width, small.attributes.viewBox]).toEqual(['640', '0 0 640 360']);
  });

  it('draws one path per group, named in the legend, XML-escaped', () => {
    const names = ['研发一组', 'R&D <core>', `Ops "late" 'B'`];
    const svg = participationSvg(
      names.map((n) => weekdays(n)),
      labels,
    );
    const root = parseXml(svg);
    const series = all(root, (e) => e.attributes.class === 'series');
    expect(series.map((g) => g.attributes['data-group'])).toEqual(names);
    for (const g of series) expect(g.children.filter((c) => c.name === 'path')).toHaveLength(1);
    expect(all(root, (e) => e.name === 'path')).toHaveLength(3);
    const legend = all(byClass(root, 'legend'), (e) => e.name === 'text').map((t) => t.text);
    expect(legend).toEqual(names);
    expect(svg).toContain('R&amp;D &lt;core&gt;');
    expect(svg).not.toContain('R&D <core>');
    // Strokes differ, so the lines can be told apart.
    const strokes = all(root, (e) => e.name === 'path').map((p) => p.attributes.stroke);
    expect(new Set(strokes).size).toBe(3);
  });

  it('leaves days with nothing expected, and days with no data, as gaps', () => {
    const missing = weekdays('Sales');
    // Day 15 (a Tuesday) has no point at all; day 9 alone between two gaps still gets a dot.
    const points = missing.points.filter((p) => p.day !== day(15));
    const withHoliday = points.map((p) =>
      p.day === day(8) || p.day === day(10) ? { ...p, expected: 0 } : p,
    );
    const root = parseXml(participationSvg([{ group: 'Sales', points: withHoliday }], labels));
    const path = all(root, (e) => e.name === 'path')[0];
    const { moves, points: drawn } = pathPoints(path?.attributes.d ?? '');
    // Runs: days 0-4 | 7 | 9 | 11 | 14 | 16-18 | 21-25.
    expect(moves).toBe(7);
    expect(drawn).toHaveLength(17);
    expect(all(root, (e) => e.name === 'circle')).toHaveLength(17);
  });

  it('plots the rate against the 0/25/50/75/100% gridlines, capped at 100%', () => {
    const rates = [0, 2.5, 5, 7.5, 10, 0, 0, 12];
    const root = parseXml(
      participationSvg([weekdays('Sales', (i) => rates[i] ?? 10)], labels, { width: 800, height: 450 }),
    );
    const grid = all(byClass(root, 'grid'), (e) => e.name === 'line').map((l) => Number(l.attributes.y1));
    expect(grid).toHaveLength(5);
    const rateLabels = all(byClass(root, 'rate-labels'), (e) => e.name === 'text').map((t) => t.text);
    expect(rateLabels).toEqual(['0%', '25%', '50%', '75%', '100%']);
    const { points } = pathPoints(all(root, (e) => e.name === 'path')[0]?.attributes.d ?? '');
    // Days 0-4 are 0%, 25%, 50%, 75%, 100%: on the gridlines, bottom to top; day 7 is 120%, drawn at 100%.
    expect(points.slice(0, 5).map(([, y]) => y)).toEqual(grid);
    expect(points[5]?.[1]).toBe(grid[4]);
  });

  it('labels every week with MM-DD over the 28 days ending on the latest day', () => {
    const old = { day: '2026-10-01', answered: 1, expected: 1 };
    const sales = weekdays('Sales');
    const root = parseXml(participationSvg([{ ...sales, points: [old, ...sales.points] }], labels));
    const days = all(byClass(root, 'day-labels'), (e) => e.name === 'text').map((t) => t.text);
    expect(days).toEqual(['11-02', '11-09', '11-16', '11-23']);
    // The October day is outside the window: not drawn.
    expect(all(root, (e) => e.name === 'circle')).toHaveLength(20);
  });

  it('sets the title in the caller’s words, every label in the bundled family, then sans-serif', () => {
    const root = parseXml(participationSvg([weekdays('Sales'), weekdays('客服')], labels));
    const texts = all(root, (e) => e.name === 'text');
    expect(texts.map((t) => t.text)).toEqual(
      expect.arrayContaining(['站会参与率', '参与率', '客服', 'Sales']),
    );
    expect(root.attributes['font-family']).toBe('Noto Sans S Chinese, sans-serif');
    // One family for Latin and Chinese alike: no label asks for another.
    for (const t of texts) expect(t.attributes['font-family']).toBeUndefined();
    // The name the SVG asks for is the bundled font's own (typographic) family name.
    const font = openSync(chartFontFile());
    if ('fonts' in font) throw new Error('a collection');
    expect(root.attributes['font-family']?.split(',')[0]).toBe(font.getName('preferredFamily', 'en'));
  });

  it('draws 8 groups in 8 colours and counts the rest in the legend', () => {
    const groups = Array.from({ length: 11 }, (_, i) => weekdays(`组${i + 1}`));
    const root = parseXml(participationSvg(groups, labels));
    const strokes = all(root, (e) => e.name === 'path').map((p) => p.attributes.stroke);
    expect(strokes).toHaveLength(8);
    expect(new Set(strokes).size).toBe(8);
    const legend = all(byClass(root, 'legend'), (e) => e.name === 'text').map((t) => t.text);
    expect(legend.at(-1)).toBe('+3');
  });

  it('drops characters XML cannot carry and shortens long names in the legend', () => {
    const long = '华东区大客户第一项目组（上海、杭州、南京）';
    const svg = participationSvg([weekdays('a\u0000b\u001Bc'), weekdays(long)], labels);
    const root = parseXml(svg);
    const legend = all(byClass(root, 'legend'), (e) => e.name === 'text').map((t) => t.text);
    expect(legend[0]).toBe('abc');
    expect(legend[1]?.endsWith('…')).toBe(true);
    expect(long.startsWith(legend[1]?.slice(0, -1) ?? '-')).toBe(true);
    expect(() => new Resvg(svg)).not.toThrow();
  });

  it('draws an empty frame when there is no data', () => {
    const root = parseXml(participationSvg([], labels));
    expect(all(root, (e) => e.name === 'path')).toHaveLength(0);
    expect(all(byClass(root, 'grid'), (e) => e.name === 'line')).toHaveLength(5);
  });
});

describe('participationPng', () => {
  const groups = ['研发一组', 'R&D <core>', '客服 Support', 'Sales', '市场部', 'Ops', '财务', 'QA 测试'].map(
    (n, g) => weekdays(n, (i) => (i * (g + 3)) % 11),
  );

  it('is a PNG of the requested size', () => {
    const png = participationPng(groups, labels);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
    expect(pngSize(participationPng(groups, labels, { width: 640, height: 360 }))).toEqual({
      width: 640,
      height: 360,
    });
  });

  it('draws something: eight lines weigh far more than an empty frame', () => {
    const png = participationPng(groups, labels);
    const empty = participationPng([], labels);
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.length).toBeGreaterThan(empty.length * 2);
  });

  it('draws Chinese with real glyphs from the bundled font, not boxes', () => {
    const title = (t: string) => titleRegion(participationPng(groups, { ...labels, title: t }));
    const standup = title('站会参与率');
    const weekly = title('研发周报表');
    expect(ink(standup)).toBeGreaterThan(200);
    expect(ink(weekly)).toBeGreaterThan(200);
    // Different characters, different pixels: a font without them draws the same box for each.
    expect(differentPixels(standup, weekly)).toBeGreaterThan(100);
    // Characters the font lacks (private use) do draw as identical boxes, whichever they are, and
    // the Chinese titles look nothing like those.
    const tofu = title('\uE000\uE001\uE002\uE003\uE004');
    expect(ink(tofu)).toBeGreaterThan(0);
    expect(differentPixels(tofu, title('\uE100\uE101\uE102\uE103\uE104'))).toBe(0);
    expect(differentPixels(standup, tofu)).toBeGreaterThan(100);
    expect(differentPixels(weekly, tofu)).toBeGreaterThan(100);
  });

  it('draws Latin text too from the bundled font, needing no system font', () => {
    const latin = ['R&D core', 'Sales', 'Ops'].map((n) => weekdays(n));
    const latinLabels = { title: 'Standup participation', rateAxis: 'Participation' };
    const png = decodePng(participationPng(latin, latinLabels));
    expect(ink(region(png, TITLE))).toBeGreaterThan(200);
    // The rate labels (0% … 100%) and the rotated axis name left of the plot.
    expect(ink(region(png, { left: 0, top: 40, right: 60, bottom: 420 }))).toBeGreaterThan(200);
    // resvg left with no font at all (as in a container without fonts) draws no text: the ink
    // above comes from the bundled font, not from whatever this machine has installed.
    const bare = new Resvg(participationSvg(latin, latinLabels), { font: { loadSystemFonts: false } });
    expect(ink(titleRegion(bare.render().asPng()))).toBe(0);
    // And it is the bundled font's text: resvg given that font alone draws the same title, to
    // within anti-aliasing (a system font, such as DejaVu Sans, would differ by whole strokes).
    const bundledOnly = new Resvg(participationSvg(latin, latinLabels), {
      font: { loadSystemFonts: false, fontFiles: [chartFontFile('regular'), chartFontFile('bold')] },
    });
    const reference = titleRegion(bundledOnly.render().asPng());
    expect(ink(reference)).toBeGreaterThan(200);
    expect(largestDifference(region(png, TITLE), reference)).toBeLessThan(64);
  });

  it('finds the bundled font from its package, not from the working directory', () => {
    for (const weight of ['regular', 'bold'] as const) {
      const file = chartFontFile(weight);
      expect(isAbsolute(file)).toBe(true);
      expect(existsSync(file)).toBe(true);
      expect(file).toMatch(/\.otf$/u);
    }
    expect(() => preloadChartFonts()).not.toThrow();
  });
});

/** The test's own East Asian width: CJK ideographs and full-width forms take two columns. */
function columns(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    width +=
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff60) ? 2 : 1;
  }
  return width;
}

/** The display column where each space-separated cell of a line ends. */
function cellEnds(line: string): number[] {
  const ends: number[] = [];
  let column = 0;
  const chars = [...line];
  chars.forEach((ch, i) => {
    column += columns(ch);
    if (ch !== ' ' && (chars[i + 1] === ' ' || i === chars.length - 1)) ends.push(column);
  });
  return ends;
}

describe('participationTable', () => {
  const tableLabels = { group: '群组', week: (weekStart: string) => `${weekStart.slice(5)}周` };

  it('has one row per group and one column per week, with the week’s rate', () => {
    const table = participationTable(
      [weekdays('研发一组', (i) => (i < 7 ? 6 : 9)), weekdays('Sales', () => 10)],
      tableLabels,
    );
    const lines = table.split('\n');
    expect(lines[0]?.split(/\s+/u)).toEqual(['群组', '11-02周', '11-09周', '11-16周', '11-23周']);
    expect(lines[1]?.split(/\s+/u)).toEqual(['研发一组', '60%', '90%', '90%', '90%']);
    expect(lines[2]?.split(/\s+/u)).toEqual(['Sales', '100%', '100%', '100%', '100%']);
    expect(lines).toHaveLength(3);
  });

  it('weighs days by how many were expected, and shows a week with nothing expected as –', () => {
    const points = [
      { day: day(0), answered: 1, expected: 2 },
      { day: day(1), answered: 18, expected: 18 },
      ...[14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27].map((i) => ({
        day: day(i),
        answered: 1,
        expected: 2,
      })),
    ];
    const [, row] = participationTable([{ group: 'Ops', points }], tableLabels).split('\n');
    expect(row?.split(/\s+/u)).toEqual(['Ops', '95%', '–', '50%', '50%']);
  });

  it('aligns the columns when group names are Chinese, counting them double width', () => {
    const names = [
      '研发一组',
      'R&D <core>',
      '客服 Support',
      '市场部（华东）',
      'QA',
      '华东区大客户第一项目组（上海、杭州）',
    ];
    const lines = participationTable(
      names.map((n, g) => weekdays(n, (i) => (i + g) % 11)),
      tableLabels,
    ).split('\n');
    expect(lines).toHaveLength(names.length + 1);
    const rateEnds = lines.map((line) => cellEnds(line).slice(-4));
    for (const ends of rateEnds) expect(ends).toEqual(rateEnds[0]);
    expect(new Set(lines.map(columns)).size).toBe(1);
    // A very long name is shortened rather than widening every row.
    expect(lines[names.length]?.startsWith('华东区大客户第一项目组…')).toBe(true);
  });

  it('stays within 2,000 characters with 60 groups, saying how many were left out', () => {
    const groups = Array.from({ length: 60 }, (_, i) => weekdays(`华东区第${i + 1}项目组 Team ${i + 1}`));
    const table = participationTable(groups, tableLabels);
    expect(table.length).toBeLessThanOrEqual(2000);
    const lines = table.split('\n');
    const shown = lines.length - 2;
    expect(shown).toBeGreaterThan(10);
    expect(lines.at(-1)).toBe(`…and ${60 - shown} more`);
    const zh = participationTable(groups, { ...tableLabels, more: (n) => `……还有 ${n} 个群组` });
    expect(zh.length).toBeLessThanOrEqual(2000);
    expect(zh.split('\n').at(-1)).toMatch(/^……还有 \d+ 个群组$/u);
  });

  it('shows only the header when there is no data', () => {
    expect(participationTable([], tableLabels)).toBe('群组');
  });
});

import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  type ParticipationSeries,
  participationPng,
  participationSvg,
  participationTable,
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

  it('sets the title in the caller’s words and asks for CJK fonts only where text has CJK', () => {
    const root = parseXml(participationSvg([weekdays('Sales'), weekdays('客服')], labels));
    const texts = all(root, (e) => e.name === 'text');
    const title = texts.find((t) => t.text === '站会参与率');
    expect(title?.attributes['font-family']).toContain('Noto Sans CJK SC');
    expect(texts.find((t) => t.text === '参与率')?.attributes['font-family']).toContain('Noto Sans CJK SC');
    expect(texts.find((t) => t.text === '客服')?.attributes['font-family']).toContain('Noto Sans CJK SC');
    expect(texts.find((t) => t.text === 'Sales')?.attributes['font-family']).toBeUndefined();
    expect(root.attributes['font-family']).toMatch(/sans-serif$/u);
    // Unquoted: resvg 2.6 misses a quoted family that is not first in the list.
    expect(root.attributes['font-family']).not.toMatch(/['"]/u);
    expect(title?.attributes['font-family']).not.toMatch(/['"]/u);
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

  // The glyphs depend on the machine's fonts (Chinese is boxes without a CJK font), so only the
  // container and the size are checked, never the pixels of text.
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

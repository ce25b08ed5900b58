import { type MessageKey, type Params, range } from '../../core/i18n/catalog.js';
import { simplified } from '../../core/simplified.js';

/** The default question whose empty answer means "nothing is blocking me". */
export const BLOCKERS_QUESTION_ID = 'blockers';

/** A question as the parser and formatters see it; `blockers` marks a custom set's blockers question. */
export interface QuestionRef {
  id: string;
  blockers?: boolean | undefined;
}

/**
 * Whether a question asks about blockers: the default one, or one marked so. Its answer may be
 * left out or empty (meaning none) and it answers to 阻碍/卡点/blockers as well as its own label.
 * @example isBlockersQuestion({ id: 'blockers' }) === true; isBlockersQuestion({ id: 'q3', blockers: true }) === true
 */
export function isBlockersQuestion(question: QuestionRef): boolean {
  return question.blockers ?? question.id === BLOCKERS_QUESTION_ID;
}

/** The three classic standup questions, asked when a group has not written its own. */
export const DEFAULT_QUESTIONS: readonly { id: string; label: MessageKey }[] = [
  { id: 'yesterday', label: 'standup.q.yesterday' },
  { id: 'today', label: 'standup.q.today' },
  { id: BLOCKERS_QUESTION_ID, label: 'standup.q.blockers' },
];

/** Answers by question id. */
export interface StandupAnswers {
  [questionId: string]: string;
}

/** What people type before the default questions' answers, folded (see {@link foldLabel}). */
const ALIASES: Record<string, readonly string[]> = {
  yesterday: [
    'yesterday',
    'yday',
    'yest',
    'y',
    '昨天',
    '昨日',
    '昨天完成',
    '昨日完成',
    '昨天进展',
    '昨日进展',
  ],
  today: ['today', 'tod', 't', '今天', '今日', '今天计划', '今日计划', '今天打算'],
  blockers: [
    'blockers',
    'blocker',
    'blocked',
    'blocking',
    'b',
    'impediments',
    '阻碍',
    '障碍',
    '问题',
    '卡点',
    '困难',
    '阻塞',
    '遇到的问题',
    '需要协助',
  ],
};

/** Answers that mean "nothing blocking", folded (see {@link foldLabel}); punctuation-only answers fold to ''. */
const NO_BLOCKER = new Set([
  '',
  '0',
  'none',
  'no',
  'nope',
  'nah',
  'na',
  'nil',
  'null',
  'nothing',
  'noblocker',
  'noblockers',
  'noblocks',
  'noissue',
  'noissues',
  'noproblem',
  'noproblems',
  'nothingblocking',
  'nothingblockingme',
  'allgood',
  '无',
  '没',
  '没有',
  '暂无',
  '暂时没有',
  '目前没有',
  '无阻碍',
  '没有阻碍',
  '暂无阻碍',
  '无障碍',
  '没有障碍',
  '无问题',
  '没问题',
  '没有问题',
  '暂无问题',
  '无卡点',
  '没有卡点',
  '一切正常',
  '一切顺利',
]);

/** Separators inside an answer: a label-like word right after one is checked (see {@link unknownLabel}). */
const SEGMENT = /\r?\n|[;；]/u;
/** A colon that may end a label. */
const COLONS = /[:：﹕]/gu;
/** A list-item marker: "- today: …" is still labelled, but "- note: …" is part of an answer. */
const BULLET = /^(?:[-*+]\s+|[•·>]\s*|\d+[.)、]\s*)/u;
/** Markup and list markers around a label ("- *Today*:"), skipped when looking at what precedes it. */
const MARKUP = /[\s*_~`>•·+-]/u;
/** What may come right before a label that needs a boundary: the start, a separator, or a sentence end. */
const SEPARATOR = /[;；,，、。.!！?？\n]/u;
/** What is left of the separator before the next label at the end of an answer ("fixed login; ", "tests. ", "- *"). */
const TRAILING_JUNK = /(?:\s*(?:^|\n)\s*\d+[.)、])?[\s;；,，、。.!！?？*_~`>•·+-]*$/u;
/**
 * Only one short word before a colon is taken for a mistyped label ("tomorrow: …" is an error);
 * longer text is part of an answer ("call with the customer: pricing").
 */
const LABEL_MAX = 12;
/** The longest label looked for before a colon: a custom question's own words. */
const LABEL_WINDOW = 200;

/**
 * How a label may be glued to the text before it. `any`: a distinctive Chinese label ends the answer
 * before it even with no separator (`昨天：修复登录今天：写测试`); `word`: not in the middle of a word
 * (`I fixed it today:`, but not `v2:` or `登录问题：`); `start`: a one-letter label only at the start or
 * after a separator, so `plan B: call them` stays prose.
 */
type Boundary = 'any' | 'word' | 'start';

/** Aliases too common in prose to end an answer glued to a Chinese word before them. */
const WORD_BOUND = new Set(['问题', '困难', '需要协助', '遇到的问题', 'yday', 'yest', 'tod']);

function boundaryOf(folded: string): Boundary {
  if (/^\p{L}$/u.test(folded) && /^[a-z]$/u.test(folded)) return 'start';
  if (/^\p{Script=Han}/u.test(folded) && !WORD_BOUND.has(folded)) return 'any';
  return 'word';
}

/**
 * Case, width and punctuation folded away, so "Yesterday", "ＹＥＳＴＥＲＤＡＹ" and "*yesterday*" match.
 * @example foldLabel(' 昨天： ') === '昨天'
 */
function foldLabel(text: string): string {
  return simplified(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

type Question = QuestionRef & { text?: string | undefined };
type Problem = { ok: false; key: MessageKey; params: Params };

/** A label found in the text: where it starts, where its colon ends, and whose question it labels. */
interface Hit {
  start: number;
  end: number;
  question: number;
  label: string;
}

function labelIndex(questions: readonly Question[]): Map<string, number> {
  const index = new Map<string, number>();
  const add = (label: string, i: number) => {
    const folded = foldLabel(label);
    if (folded && !index.has(folded)) index.set(folded, i);
  };
  // Numbers first, then the questions' own words, then aliases: the more deliberate label wins a clash.
  questions.forEach((_, i) => {
    add(String(i + 1), i);
  });
  questions.forEach((q, i) => {
    if (q.text) add(q.text, i);
  });
  questions.forEach((q, i) => {
    for (const alias of ALIASES[isBlockersQuestion(q) ? BLOCKERS_QUESTION_ID : q.id] ?? []) add(alias, i);
  });
  return index;
}

/** Whether what precedes `start` lets a label of this boundary begin there. */
function boundaryHolds(text: string, start: number, boundary: Boundary): boolean {
  if (boundary === 'any') return true;
  let i = start - 1;
  const before = text[i];
  if (boundary === 'word' && before !== undefined && /[\p{L}\p{N}]/u.test(before)) return false;
  while (i >= 0 && MARKUP.test(text[i] as string) && text[i] !== '\n') i--;
  const previous = text[i];
  if (previous === undefined || SEPARATOR.test(previous)) return true;
  return boundary === 'word' && !/[\p{L}\p{N}]/u.test(before ?? '');
}

/** The longest known label that ends at this colon, if the colon can end one. */
function labelAt(text: string, colon: number, from: number, index: Map<string, number>): Hit | undefined {
  const after = text.slice(colon + 1);
  // "10:30 call with the customer" and "https://…" are answers, not labels.
  if (/\d$/u.test(text.slice(0, colon)) && /^\d/u.test(after)) return undefined;
  if (after.startsWith('//')) return undefined;
  const lineStart = text.lastIndexOf('\n', colon - 1) + 1;
  for (let start = Math.max(from, lineStart, colon - LABEL_WINDOW); start < colon; start++) {
    if (!/[\p{L}\p{N}]/u.test(text[start] as string)) continue;
    const label = text.slice(start, colon);
    const folded = foldLabel(label);
    const question = index.get(folded);
    if (question !== undefined && boundaryHolds(text, start, boundaryOf(folded)))
      return { start, end: colon + 1, question, label: label.replace(/[*_~`\s]+$/u, '') };
  }
  return undefined;
}

function findLabels(text: string, index: Map<string, number>): Hit[] {
  const hits: Hit[] = [];
  for (const colon of text.matchAll(COLONS)) {
    const hit = labelAt(text, colon.index, hits.at(-1)?.end ?? 0, index);
    if (hit) hits.push(hit);
  }
  return hits;
}

/**
 * A short word and a colon starting a line or a `;`-separated piece that is no question's label:
 * a mistyped label ("tomorrow: …"), not prose. A list item ("- note: …") is prose.
 */
function unknownLabel(text: string, from = 0): string | undefined {
  for (const raw of text.split(SEGMENT).slice(from)) {
    const segment = raw.trim();
    if (BULLET.test(segment)) continue;
    const colon = /[:：﹕]/u.exec(segment);
    if (!colon) continue;
    const label = segment.slice(0, colon.index).trim();
    const after = segment.slice(colon.index + 1);
    if ((/\d$/u.test(label) && /^\d/u.test(after)) || after.startsWith('//')) continue;
    if (foldLabel(label) !== '' && label.length <= LABEL_MAX && !/\s/u.test(label)) return label;
  }
  return undefined;
}

function numberedUsage(questions: readonly Question[]): string {
  return `/standup ${questions.map((_, i) => `${i + 1}: …`).join('; ')}`;
}

/** Groups whose questions are all the defaults get messages that name them in the reader's words. */
function isDefaultSet(questions: readonly Question[]): boolean {
  return questions.every((q) => !q.text && Object.hasOwn(ALIASES, q.id));
}

function missingProblem(questions: readonly Question[], missing: readonly number[]): Problem {
  const ids = missing.map((i) => questions[i]?.id);
  if (isDefaultSet(questions)) {
    if (ids.length === 1 && ids[0] === 'yesterday')
      return { ok: false, key: 'standup.parse.missing.yesterday', params: {} };
    if (ids.length === 1 && ids[0] === 'today')
      return { ok: false, key: 'standup.parse.missing.today', params: {} };
    if (ids.length === 2 && ids.includes('yesterday') && ids.includes('today'))
      return { ok: false, key: 'standup.parse.missing.yesterdayToday', params: {} };
  }
  const first = missing[0] ?? 0;
  const question = questions[first];
  const params = {
    number: first + 1,
    question: question?.text ?? question?.id ?? '',
    usage: numberedUsage(questions),
  };
  return missing.length === 1
    ? { ok: false, key: 'standup.parse.missingOne', params }
    : { ok: false, key: 'standup.parse.missingSome', params: { ...params, count: missing.length } };
}

function labelProblem(
  questions: readonly Question[],
  defaultKey: MessageKey,
  numberedKey: MessageKey,
  label?: string,
): Problem {
  const shown: Params = label === undefined ? {} : { label };
  return isDefaultSet(questions)
    ? { ok: false, key: defaultKey, params: shown }
    : {
        ok: false,
        key: numberedKey,
        params: { ...shown, numbers: range(1, questions.length), usage: numberedUsage(questions) },
      };
}

/** Each label's answer: the text up to the next label, without the separator before that label. */
function answersBetween(text: string, hits: readonly Hit[]): Problem | Map<number, string> {
  const answered = new Map<number, string>();
  for (const [i, hit] of hits.entries()) {
    if (answered.has(hit.question))
      return { ok: false, key: 'standup.parse.duplicate', params: { label: hit.label } };
    const next = hits[i + 1];
    const raw = text.slice(hit.end, next?.start ?? text.length);
    answered.set(hit.question, (next ? raw.replace(TRAILING_JUNK, '') : raw).trim());
  }
  return answered;
}

/**
 * Parses an inline answer: `/standup yesterday: X; today: Y; blockers: none`. The labels themselves
 * split the answers, whatever is between them (`;`, `；`, `。`, `，`, spaces, line breaks or nothing:
 * `昨天：修复登录今天：写测试`). Labels in English or Chinese (昨天/今天/阻碍 and aliases such as 昨日,
 * 卡点, blocked, yday), with `:` or `：`, in any order, case and width. Every question can also be
 * labelled by its 1-based number, and a custom question by its text; a group with one question takes
 * unlabelled text as its answer. Every question needs an answer except the blockers one, where
 * leaving it out or empty means none.
 * @example parseInlineAnswers('昨天：写接口今天：联调。阻碍：无', DEFAULT_QUESTIONS)
 *          → { ok: true, answers: { yesterday: '写接口', today: '联调', blockers: '无' } }
 */
export function parseInlineAnswers(
  text: string,
  questions: readonly Question[],
): { ok: true; answers: StandupAnswers } | Problem {
  const hits = findLabels(text, labelIndex(questions));
  const before = text.slice(0, hits[0]?.start ?? text.length).replace(TRAILING_JUNK, '');
  // The piece right after a label is its answer, colons and all ("yesterday: fix: the login").
  const typo =
    unknownLabel(before) ??
    hits.map((h, i) => unknownLabel(text.slice(h.end, hits[i + 1]?.start), 1)).find(Boolean);
  if (typo)
    return labelProblem(questions, 'standup.parse.unknownLabel', 'standup.parse.unknownLabelNumbered', typo);
  const only = questions.length === 1 && hits.length === 0;
  if (before.trim() && !only)
    return labelProblem(questions, 'standup.parse.unlabeled', 'standup.parse.unlabeledNumbered');
  const answered = only ? new Map([[0, text.trim()]]) : answersBetween(text, hits);
  if (!(answered instanceof Map)) return answered;
  const missing = questions
    .map((q, i) => ({ q, i }))
    .filter(({ q, i }) => !isBlockersQuestion(q) && !answered.get(i))
    .map(({ i }) => i);
  if (missing.length > 0) return missingProblem(questions, missing);
  const answers: StandupAnswers = {};
  questions.forEach((q, i) => {
    answers[q.id] = answered.get(i) ?? '';
  });
  return { ok: true, answers };
}

/**
 * Whether a blockers answer means "nothing blocking".
 * @example isNoBlocker('N/A') === true; isNoBlocker('暂无。') === true; isNoBlocker('API 限流') === false
 */
export function isNoBlocker(text: string): boolean {
  return NO_BLOCKER.has(foldLabel(text));
}

/**
 * A blocker's identity across days: the same words whatever the case, width, punctuation or spacing.
 * @example blockerKey('API 限流') === blockerKey('api限流。')
 */
export function blockerKey(text: string): string {
  return foldLabel(text);
}

import { type MessageKey, type Params, range } from '../../core/i18n/catalog.js';

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

/** Separators between answers: ASCII and full-width semicolons, or line breaks. */
const SEGMENT = /(\r?\n|[;；])/u;
/** The first colon of a segment, the one that may end a label. */
const COLON = /[:：﹕]/u;
/** A list-item marker: "- today: …" is still labelled, but "- note: …" is part of an answer. */
const BULLET = /^(?:[-*+]\s+|[•·>]\s*|\d+[.)、]\s*)/u;
/**
 * Only one short word before a colon is taken for a mistyped label ("tomorrow: …" is an error);
 * longer text is part of an answer ("call with the customer: pricing").
 */
const LABEL_MAX = 12;

/**
 * Case, width and punctuation folded away, so "Yesterday", "ＹＥＳＴＥＲＤＡＹ" and "*yesterday*" match.
 * @example foldLabel(' 昨天： ') === '昨天'
 */
function foldLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

type Question = QuestionRef & { text?: string | undefined };
type Problem = { ok: false; key: MessageKey; params: Params };

/** The label a segment starts with, if it has one: what comes before its first colon. */
function splitLabel(segment: string): { label: string; rest: string } | undefined {
  const colon = COLON.exec(segment);
  if (!colon) return undefined;
  const before = segment.slice(0, colon.index);
  const after = segment.slice(colon.index + 1);
  // "10:30 call with the customer" and "https://…" are answers, not labels.
  if (/\d$/u.test(before) && /^\d/u.test(after)) return undefined;
  if (after.startsWith('//')) return undefined;
  return { label: before.trim(), rest: after };
}

/** Whether unknown words before a colon were meant as a label (a typo) rather than prose. */
function looksLikeLabel(label: string): boolean {
  return foldLabel(label) !== '' && label.length <= LABEL_MAX && !/\s/u.test(label);
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

/**
 * Parses an inline answer: `/standup yesterday: X; today: Y; blockers: none`. Labels in English or
 * Chinese (昨天/今天/阻碍 and aliases such as 昨日, 卡点, yday, t, b), separated by `;`, `；` or line
 * breaks, with `:` or `：`, in any order, in any case and width. Every question can also be labelled
 * by its 1-based number, and a custom question by its text. A segment without a label continues
 * the answer before it, so multi-line answers and bullet lists work.
 * Every question needs an answer except the blockers one, where leaving it out or empty means none.
 * @example parseInlineAnswers('昨天：写接口；今天：联调；阻碍：无', DEFAULT_QUESTIONS)
 *          → { ok: true, answers: { yesterday: '写接口', today: '联调', blockers: '无' } }
 */
export function parseInlineAnswers(
  text: string,
  questions: readonly Question[],
): { ok: true; answers: StandupAnswers } | Problem {
  const index = labelIndex(questions);
  const answered = new Map<number, string>();
  let current: number | undefined;
  const pieces = text.split(SEGMENT);
  for (let p = 0; p < pieces.length; p += 2) {
    const segment = (pieces[p] as string).trim();
    const joiner = pieces[p - 1] ?? '';
    if (!segment) continue;
    const bullet = BULLET.exec(segment);
    const labelled = splitLabel(bullet ? segment.slice(bullet[0].length) : segment);
    const found = labelled ? index.get(foldLabel(labelled.label)) : undefined;
    if (labelled && found !== undefined) {
      if (answered.has(found))
        return { ok: false, key: 'standup.parse.duplicate', params: { label: labelled.label } };
      current = found;
      answered.set(found, labelled.rest.trim());
      continue;
    }
    if (labelled && !bullet && looksLikeLabel(labelled.label))
      return labelProblem(
        questions,
        'standup.parse.unknownLabel',
        'standup.parse.unknownLabelNumbered',
        labelled.label,
      );
    if (current === undefined)
      return labelProblem(questions, 'standup.parse.unlabeled', 'standup.parse.unlabeledNumbered');
    const before = answered.get(current) ?? '';
    // A line break stays a line break; a semicolon inside an answer reads as one.
    const glue = joiner.includes('\n') ? '\n' : joiner === '；' ? '；' : '; ';
    answered.set(current, before ? `${before}${glue}${segment}` : segment);
  }
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

import { DateTime } from 'luxon';
import { csvDocument } from '../../core/csv.js';
import { type MessageKey, type Translator, translator } from '../../core/i18n/catalog.js';
import type { Block, OutboundMessage } from '../../core/platform/messages.js';
import { truncate } from '../../core/platform/text-split.js';
import { isBlockersQuestion, isNoBlocker, type QuestionRef, type StandupAnswers } from './standup.answers.js';

/** A question with its label in the reader's language (or the group's own words). */
type LabelledQuestion = QuestionRef & { label: string };

interface Member {
  memberId: string;
  name: string;
}

/** One group's standup day, as the deadline summary sees it. */
export interface DayStatus {
  /** YYYY-MM-DD, the group's local date. */
  day: string;
  /** Members expected to answer (bots and observers already excluded by the caller). */
  expected: readonly Member[];
  answered: readonly (Member & { answers: StandupAnswers; late: boolean; at: Date })[];
  away: readonly Member[];
  /** `openDays`: working days this blocker has been reported in a row (1 = new). */
  blockers: readonly (Member & { text: string; openDays: number })[];
}

/** Below Slack's 3,000-character section limit, with room for the platform's own markup. */
const SECTION_MAX = 2500;
/**
 * Discord splits a long message only at line breaks and cuts a longer line mid-mention, so a long
 * list is wrapped into lines well under its 2,000-character message.
 */
const LINE_MAX = 500;
/** A blocker is a one-line headline in the summary; the full text is in the member's answer. */
const BLOCKER_MAX = 300;
/** A history line stays scannable; the whole answer is in the thread and the CSV. */
const HISTORY_ANSWER_MAX = 200;

/** Line breaks become spaces where an answer has to sit on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/gu, ' ').trim();
}

/** Items joined with the separator into lines of at most LINE_MAX, each full line ending in the separator. */
function wrap(items: readonly string[], separator: string): string[] {
  // Room for the separator that ends a full line.
  const budget = LINE_MAX - separator.length;
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const piece = truncate(item, budget);
    if (!line) line = piece;
    else if (line.length + separator.length + piece.length <= budget) line += separator + piece;
    else {
      lines.push(line + separator.trimEnd());
      line = piece;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines packed into sections of at most SECTION_MAX, the heading on the first. */
function sections(heading: string, lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let text = heading;
  for (const line of lines) {
    if (text.length + 1 + line.length > SECTION_MAX) {
      blocks.push({ type: 'section', text });
      text = line;
    } else text = `${text}\n${line}`;
  }
  blocks.push({ type: 'section', text });
  return blocks;
}

/**
 * The deadline summary posted in the day's thread: answered/total, who has not answered (mentioned,
 * so they are nudged), who is away (named, not mentioned: they are off), every blocker with its owner
 * and age, oldest first. Due = expected and not away, plus anyone who answered anyway.
 * Long lists are split into sections of at most 2,500 characters in lines of at most 500, so
 * a 1,000-member group renders within Slack's and Discord's limits.
 * @example buildSummary({ day: '2026-12-01', expected: [alice, bob], answered: [alice…], away: [], blockers: [] }, t, (id) => `<@${id}>`)
 *          → header 'Standup · 2026-12-01', fields Answered 1/2 …, section '*Not answered yet (1)*\n<@bob>'
 */
export function buildSummary(
  status: DayStatus,
  t: Translator,
  mention: (memberId: string) => string,
): OutboundMessage {
  const answeredIds = new Set(status.answered.map((m) => m.memberId));
  // Someone who answered while away has answered: they are counted once, as answered.
  const away = status.away.filter((m) => !answeredIds.has(m.memberId));
  const awayIds = new Set(away.map((m) => m.memberId));
  const missing = status.expected.filter((m) => !answeredIds.has(m.memberId) && !awayIds.has(m.memberId));
  const answered = answeredIds.size;
  const total = answered + missing.length;
  const late = status.answered.filter((m) => m.late).length;
  const blockers = [...status.blockers].sort((a, b) => b.openDays - a.openDays);
  const separator = t('list.separator');

  const blocks: Block[] = [
    { type: 'header', text: t('standup.summary.title', { day: status.day }) },
    {
      type: 'fields',
      fields: [
        { label: t('standup.summary.answered'), value: `${answered}/${total}` },
        { label: t('standup.summary.missing'), value: String(missing.length) },
        { label: t('standup.summary.away'), value: String(away.length) },
        { label: t('standup.summary.blockers'), value: String(blockers.length) },
      ],
    },
  ];
  if (missing.length === 0) blocks.push({ type: 'section', text: t('standup.summary.allAnswered') });
  else
    blocks.push(
      ...sections(
        t('standup.summary.missingList', { count: missing.length }),
        wrap(
          missing.map((m) => mention(m.memberId)),
          separator,
        ),
      ),
    );
  if (away.length > 0)
    blocks.push(
      ...sections(
        t('standup.summary.awayList', { count: away.length }),
        wrap(
          away.map((m) => m.name),
          separator,
        ),
      ),
    );
  if (blockers.length === 0) blocks.push({ type: 'section', text: t('standup.summary.noBlockers') });
  else
    blocks.push(
      ...sections(
        t('standup.summary.blockersList', { count: blockers.length }),
        blockers.map((b) => {
          const params = { name: b.name, text: truncate(oneLine(b.text), BLOCKER_MAX), days: b.openDays };
          return truncate(
            t(b.openDays > 1 ? 'standup.summary.blockerOpen' : 'standup.summary.blockerNew', params),
            LINE_MAX,
          );
        }),
      ),
    );
  const notes = [
    ...(late > 0 ? [t('standup.summary.late', { count: late })] : []),
    ...(missing.length > 0 ? [t('standup.summary.howTo')] : []),
  ];
  if (notes.length > 0) blocks.push({ type: 'context', text: notes.join('\n') });
  return { text: t('standup.summary.text', { day: status.day, answered, total }), blocks };
}

/** What an answer shows as: blockers that say "none" in any words read as the reader's "None". */
function shownAnswer(question: QuestionRef, answer: string, t: Translator): string {
  return isBlockersQuestion(question) && isNoBlocker(answer) ? t('standup.answer.none') : answer;
}

/** Unanswered questions are left out, except blockers, where an empty answer says "none". */
function isShown(question: QuestionRef, answer: string | undefined): answer is string {
  return answer !== undefined && (answer !== '' || isBlockersQuestion(question));
}

/**
 * One member's answer as posted in the thread: their name with "(late)" / "(edited)", then each
 * question's label and answer. Questions left unanswered are skipped; an empty blockers answer
 * shows as "None".
 * @example formatAnswer('小王', [{ id: 'today', label: '今天' }], { today: '联调' }, { late: true, edited: false }, zh)
 *          → blocks [{ section '*小王*（迟交）' }, { section '*今天*\n联调' }]
 */
export function formatAnswer(
  who: string,
  questions: readonly LabelledQuestion[],
  answers: StandupAnswers,
  flags: { late: boolean; edited: boolean },
  t: Translator,
): OutboundMessage {
  const title: MessageKey = flags.late
    ? flags.edited
      ? 'standup.answer.titleLateEdited'
      : 'standup.answer.titleLate'
    : flags.edited
      ? 'standup.answer.titleEdited'
      : 'standup.answer.title';
  const blocks: Block[] = [{ type: 'section', text: t(title, { who }) }];
  for (const q of questions) {
    const answer = answers[q.id];
    if (!isShown(q, answer)) continue;
    blocks.push({ type: 'section', text: `*${q.label}*\n${shownAnswer(q, answer, t)}` });
  }
  return { text: t('standup.answer.text', { who }), blocks };
}

/**
 * One line of `/standup history`: the day, who, and every answer on one line.
 * @example formatHistoryLine({ day: '2026-12-01', name: 'Bob', answers: { today: 'tests' }, late: false }, [{ id: 'today', label: 'Today' }], t)
 *          === '2026-12-01 *Bob*: Today: tests'
 */
export function formatHistoryLine(
  entry: { day: string; name: string; answers: StandupAnswers; late: boolean },
  questions: readonly LabelledQuestion[],
  t: Translator,
): string {
  const pairs = questions.flatMap((q) => {
    const answer = entry.answers[q.id];
    if (!isShown(q, answer)) return [];
    const shown = truncate(oneLine(shownAnswer(q, answer, t)), HISTORY_ANSWER_MAX);
    return [t('standup.history.pair', { label: q.label, answer: shown })];
  });
  return t(entry.late ? 'standup.history.lineLate' : 'standup.history.line', {
    day: entry.day,
    name: entry.name,
    answers: pairs.join(t('standup.history.separator')),
  });
}

/**
 * The CSV export: UTF-8 with BOM, CRLF, formulas defused. Columns: day, member, one per question
 * (by label), late, submitted at (ISO 8601 with the offset of `timezone`). Headers and yes/no are
 * in the reader's language when a translator is given. Answers are as typed (an empty blockers cell
 * means none).
 * @example standupCsv([{ day: '2026-12-01', member: '小王', answers: { today: '联调' }, late: false, at }], [{ id: 'today', label: '今天' }], 'Asia/Shanghai', zh)
 *          === '\uFEFF日期,成员,今天,迟交,提交时间\r\n2026-12-01,小王,联调,否,2026-12-01T09:30:00+08:00\r\n'
 */
export function standupCsv(
  rows: readonly { day: string; member: string; answers: StandupAnswers; late: boolean; at: Date }[],
  questions: readonly LabelledQuestion[],
  timezone: string,
  t: Translator = translator('en'),
): string {
  const header = [
    t('standup.csv.day'),
    t('standup.csv.member'),
    ...questions.map((q) => q.label),
    t('standup.csv.late'),
    t('standup.csv.submittedAt'),
  ];
  const yes = t('standup.csv.yes');
  const no = t('standup.csv.no');
  return csvDocument([
    header,
    ...rows.map((row) => [
      row.day,
      row.member,
      ...questions.map((q) => row.answers[q.id] ?? ''),
      row.late ? yes : no,
      DateTime.fromJSDate(row.at, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? '',
    ]),
  ]);
}

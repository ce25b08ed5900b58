import { DateTime } from 'luxon';
import type { Block, OutboundMessage } from '../../core/platform/messages.js';
import type { GroupFigures } from '../figures/figures.domain.js';
import {
  actionLines,
  blockerLines,
  feedbackLine,
  inactiveLine,
  memberLines,
  moderationLine,
  participationLine,
  type Reader,
  worstLines,
} from '../figures/figures.format.js';
import type { ReviewNote } from './review.repo.js';

/** The agenda's buttons: they open the notes and the action-item forms. */
export const REVIEW_ACTIONS = { notes: 'review.notes.open', action: 'review.action.open' } as const;

/**
 * Review notes as people read them: each with its number (to edit it by), who wrote it and when,
 * in the reader's timezone, and who edited it last.
 * @example noteLines([{ id: 3, text: 'Ship v2', author: 'Amy', at, editor: null, editedAt: null, … }], reader)
 *          → ['#3 Ship v2 (Amy, Dec 4, 2026, 4:10 PM)']
 */
export function noteLines(notes: readonly ReviewNote[], reader: Reader): string[] {
  const when = (at: Date) =>
    DateTime.fromJSDate(at, { zone: reader.zone })
      .setLocale(reader.locale)
      .toLocaleString(DateTime.DATETIME_MED);
  return notes.map((n) => {
    const fields = {
      id: n.id,
      text: n.text,
      author: n.author ?? reader.t('review.note.unknown'),
      when: when(n.at),
    };
    return n.editedAt
      ? reader.t('review.note.lineEdited', {
          ...fields,
          editor: n.editor ?? reader.t('review.note.unknown'),
          editedAt: when(n.editedAt),
        })
      : reader.t('review.note.line', fields);
  });
}

/** A titled part of a message; messages split between sections, never inside one. */
interface Section {
  title: string;
  lines: string[];
}

function sectionText(section: Section): string {
  return [`*${section.title}*`, ...section.lines].join('\n');
}

/** The week's figures in the order a review walks through them: people, problems, customers, house-keeping, tasks. */
function agendaSections(f: GroupFigures, reader: Reader): Section[] {
  const { t } = reader;
  return [
    { title: t('review.agenda.standups'), lines: [participationLine(f, t), ...memberLines(f, reader)] },
    { title: t('review.agenda.blockers'), lines: blockerLines(f, t) },
    { title: t('review.agenda.feedback'), lines: [feedbackLine(f, t), ...worstLines(f, t)] },
    { title: t('review.agenda.rules'), lines: [moderationLine(f, t), inactiveLine(f, t)] },
    { title: t('review.agenda.actions'), lines: actionLines(f.actions, reader) },
  ];
}

/**
 * The agenda as one message: a header with the group and the review's start in the reader's
 * timezone, then one section block per part.
 */
export function agendaMessage(
  f: GroupFigures,
  reader: Reader,
  review: { at: Date; notes: readonly ReviewNote[] },
  /** In the group, managers get one click to the notes and action-item forms. */
  buttons = false,
): OutboundMessage {
  const { t } = reader;
  const when = DateTime.fromJSDate(review.at, { zone: reader.zone })
    .setLocale(reader.locale)
    .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
  const title = t('review.agenda.title', { group: f.name });
  const sections = agendaSections(f, reader);
  if (review.notes.length)
    sections.push({ title: t('review.agenda.notes'), lines: noteLines(review.notes, reader) });
  const blocks: Block[] = [
    { type: 'header', text: title },
    { type: 'context', text: t('review.agenda.when', { when, zone: reader.zone }) },
    ...sections.map((s): Block => ({ type: 'section', text: sectionText(s) })),
    { type: 'context', text: t('review.agenda.hint') },
  ];
  if (buttons)
    blocks.push({
      type: 'buttons',
      buttons: [
        { actionId: REVIEW_ACTIONS.notes, label: t('review.button.notes'), value: f.groupId },
        {
          actionId: REVIEW_ACTIONS.action,
          label: t('review.button.action'),
          value: f.groupId,
          style: 'primary',
        },
      ],
    });
  return { text: `${title} · ${when}`, blocks };
}

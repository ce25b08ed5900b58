import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

const NOTES = () =>
  `select n.id, n.text, n.author_id author, n.created_at at, n.edited_by edited from review_notes n order by n.id`;

const cases = [
  {
    locale: 'en' as const,
    notes: '/review notes',
    first: 'Acme wants the quote by Friday',
    second: 'Globex renewal: call on Monday',
    added: (id: number, count: number, notes: string) =>
      `Note #${id} added to this week’s review (${count} ${notes} so far).`,
    // 2026-12-01 01:00 UTC, read in New York; the second note 90 minutes later.
    lines: [
      '#1 Acme wants the quote by Friday (max, Nov 30, 2026, 8:00 PM)',
      '#2 Globex renewal: call on Monday (alice, Nov 30, 2026, 9:30 PM)',
    ],
    zone: 'Times are in America/New_York.',
    edit: '/review notes edit 1 Acme wants the quote by Thursday',
    replaced: 'Note #1 replaced. It said: “Acme wants the quote by Friday”',
    editedLine:
      '#1 Acme wants the quote by Thursday (max, Nov 30, 2026, 8:00 PM; edited by alice, Nov 30, 2026, 10:00 PM)',
    missing: 'This group’s reviews have no note #9.',
    tooLong: 'The note is 2001 characters long; keep it to 2000, or add it as several notes.',
  },
  {
    locale: 'zh-CN' as const,
    notes: '/review 纪要',
    first: '华星要求周五前报价',
    second: '续约：周一回电',
    added: (id: number, count: number) => `已在本周周会纪要中添加第 ${id} 条（目前共 ${count} 条）。`,
    lines: [
      '#1 华星要求周五前报价（max，2026年11月30日 20:00）',
      '#2 续约：周一回电（alice，2026年11月30日 21:30）',
    ],
    zone: '以上为 America/New_York 时间。',
    edit: '/review 纪要 修改 1 华星要求周四前报价',
    replaced: '第 1 条纪要已修改。原内容：“华星要求周五前报价”',
    editedLine: '#1 华星要求周四前报价（max，2026年11月30日 20:00；alice 于 2026年11月30日 22:00 修改）',
    missing: '本群的周会纪要中没有第 9 条。',
    tooLong: '这条纪要共 2001 字，请控制在 2000 字以内，或分成几条添加。',
  },
];

describe.each(cases)('review notes are added, never written over ($locale)', (c) => {
  let h: Harness;
  const as = (user: string) => ({ user, locale: c.locale });

  beforeEach(async () => {
    h = createHarness();
    await h.run('/muster settings timezone Asia/Shanghai');
    await h.run('/role add <@max> manager');
    // The reader keeps another timezone than the group: times are shown in theirs.
    await h.run('/muster timezone America/New_York', { user: 'max' });
    await h.run('/muster timezone America/New_York', { user: 'alice' });
  });

  afterEach(async () => {
    await h.app.close();
  });

  it('a second note is added after the first, each with its author and time in the reader’s zone', async () => {
    expect((await h.run(`${c.notes} ${c.first}`, as('max'))).text).toContain(c.added(1, 1, 'note'));
    h.clock.advance(90 * 60_000);
    expect((await h.run(`${c.notes} ${c.second}`, as('alice'))).text).toContain(c.added(2, 2, 'notes'));
    expect(h.sql.prepare(NOTES()).all()).toMatchObject([
      { id: 1, text: c.first, author: 'slack:T1:max', edited: null },
      { id: 2, text: c.second, author: 'slack:T1:alice', edited: null },
    ]);

    const listed = await h.run(c.notes, as('max'));
    expect(listed.text).toContain(c.lines.join('\n'));
    expect(listed.responder.replies[0]?.message.blocks?.some((b) => 'text' in b && b.text === c.zone)).toBe(
      true,
    );
    // The agenda and the history show both, the first as it was written.
    expect((await h.run('/review now', as('max'))).text).toContain(c.lines.join('\n'));
    expect((await h.run('/review history', as('max'))).text).toContain(c.lines.join('\n'));
  });

  it('the form from the agenda adds a note too; it opens empty and keeps what was there', async () => {
    await h.run(`${c.notes} ${c.first}`, as('max'));
    const opened = await h.click('review.notes.open', 'slack:T1:C1', as('max'));
    const form = opened.responder.forms[0];
    expect(form?.fields[0]).not.toHaveProperty('initial');
    await h.send({
      type: 'form.submitted',
      ...h.base(as('max')),
      formId: form?.formId ?? '',
      context: form?.context ?? '',
      values: { notes: c.second },
    });
    expect((h.sql.prepare(NOTES()).all() as { text: string }[]).map((n) => n.text)).toEqual([
      c.first,
      c.second,
    ]);
  });

  it('a note changes only by an explicit edit, which says what it replaced and who edited it', async () => {
    await h.run(`${c.notes} ${c.first}`, as('max'));
    h.clock.advance(90 * 60_000);
    await h.run(`${c.notes} ${c.second}`, as('alice'));
    h.clock.advance(30 * 60_000);
    expect((await h.run(c.edit, as('alice'))).text).toBe(c.replaced);
    const listed = await h.run(c.notes, as('max'));
    expect(listed.text).toContain(c.editedLine);
    expect(listed.text).toContain(c.lines[1]);
    // The replaced text stays on record.
    expect(
      h.sql.prepare(`select details from audit_log where action = 'review.note.edited'`).get(),
    ).toMatchObject({ details: expect.stringContaining(c.first) });
  });

  it('editing a note that is not there, or by a member, changes nothing', async () => {
    await h.run(`${c.notes} ${c.first}`, as('max'));
    const before = snapshot(h, ['reviews', 'review_notes', 'audit_log']);
    expect((await h.run(c.edit.replace(' 1 ', ' 9 '), as('max'))).text).toContain(c.missing);
    expect((await h.run(c.edit, as('bob'))).text).toMatch(/manager|经理/u);
    expect((await h.run(`${c.notes} ${'长'.repeat(2001)}`, as('max'))).text).toContain(c.tooLong);
    expect(snapshot(h, ['reviews', 'review_notes', 'audit_log'])).toBe(before);
  });
});

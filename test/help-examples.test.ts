import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInvocation } from '../src/core/commands/parse.js';
import { parseDay, parseDayRange } from '../src/core/dates.js';
import { catalogs, type MessageKey } from '../src/core/i18n/catalog.js';
import type { Locale } from '../src/core/i18n/locale.js';
import { parseLocalTime } from '../src/features/settings/settings.domain.js';
import { createHarness, type Harness } from './helpers/harness.js';

/**
 * Every example the help and the error messages show for dates and `key: value` fields, read from
 * the catalogs themselves, so an example added later is checked too.
 */
const LOCALES: Locale[] = ['en', 'zh-CN'];
const now = new Date('2026-12-01T01:00:00Z'); // Tuesday, 09:00 in Shanghai
const zone = 'Asia/Shanghai';

/** The `code` spans of a message; templates (`<task>`, `due: …`) are not examples. */
function examples(locale: Locale, key: MessageKey): string[] {
  const spans = [...catalogs[locale][key].matchAll(/`([^`]+)`/gu)].map((m) => m[1] as string);
  return spans.filter((s) => !/[<…]/u.test(s));
}

const DAY_KEYS: MessageKey[] = [
  'review.action.badDue',
  'review.form.badDue',
  'standup.bad.day',
  'rules.badDate',
];
const RANGE_KEYS: MessageKey[] = ['standup.bad.away', 'cmd.standup.away'];
const TIME_KEYS: MessageKey[] = ['review.error.badTime', 'digest.error.badTime', 'standup.bad.time'];

describe.each(LOCALES)('date examples in %s', (locale) => {
  it.each(DAY_KEYS)('every day %s shows reads as a day', (key) => {
    const shown = examples(locale, key);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.filter((text) => !parseDay(text, zone, now))).toEqual([]);
  });

  it.each(RANGE_KEYS)('every range %s shows reads as a range', (key) => {
    const shown = examples(locale, key);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((text) => !parseDayRange(text, zone, now))).toEqual([]);
  });

  it.each(TIME_KEYS)('every time %s shows reads as a time', (key) => {
    const shown = examples(locale, key).filter((text) => !text.startsWith('/'));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((text) => !parseLocalTime(text))).toEqual([]);
  });

  it('the due-date placeholder of the action-item form lists days only', () => {
    const shown = catalogs[locale]['review.field.duePlaceholder'].split(/[,、]\s*/u);
    expect(shown.filter((text) => !parseDay(text, zone, now))).toEqual([]);
  });
});

let h: Harness;
beforeEach(async () => {
  h = createHarness();
  await h.run('/muster settings timezone Asia/Shanghai');
  await h.run('/standup on');
  for (const user of ['alice', 'bob', 'xiaowang']) await h.post('早', { user });
});
afterEach(async () => {
  await h.app.close();
});

/** The platform turns a typed `@name` into a mention; names here are people of the test group. */
const PEOPLE: Record<string, string> = { alice: 'alice', bob: 'bob', 小王: 'xiaowang' };
const mentioned = (text: string) =>
  text.replace(/@(\S+)/gu, (_m, name: string) => `<@${PEOPLE[name] ?? name}>`);
const count = (table: string) => (h.sql.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

describe.each(LOCALES)('command examples in %s, as typed', (locale) => {
  it('each action item the help shows is added with its owner, due date and customer', async () => {
    const shown = [
      ...examples(locale, 'cmd.review.action'),
      ...['review.action.noOwner', 'review.action.noText'].flatMap((k) =>
        examples(locale, k as MessageKey).map((e) => e.replace(/^\/review action /u, '')),
      ),
    ];
    expect(shown.length).toBeGreaterThan(2);
    for (const example of shown) {
      const reply = await h.run(`/review action ${mentioned(example)}`, { locale });
      const row = h.sql
        .prepare(
          `select a.text, a.owner_id owner, a.due_day due, c.name customer
           from action_items a left join customers c on c.id = a.customer_id order by a.id desc limit 1`,
        )
        .get() as { text: string; owner: string; due: string | null; customer: string | null };
      expect(reply.text, example).toContain(`#${count('action_items')}`);
      expect(example.startsWith(row.text), example).toBe(true);
      expect(row.owner).toMatch(/^slack:T1:(alice|bob|xiaowang)$/u);
      // An example that ends with its owner has no due date; any other names one.
      if (!/@\S+$/u.test(example)) expect(row.due, example).not.toBeNull();
      if (/customer:|客户：/u.test(example)) expect(example).toContain(row.customer ?? '(none)');
    }
  });

  it('each away range the help shows is recorded', async () => {
    for (const example of examples(locale, 'cmd.standup.away')) {
      const before = count('standup_away');
      const reply = await h.run(`/standup away ${example}`, { user: 'alice', locale });
      expect(count('standup_away'), `${example}: ${reply.text}`).toBe(before + 1);
    }
  });

  it('each inline feedback the help shows is recorded with its customer', async () => {
    const shown = [
      ...examples(locale, 'cmd.feedback.add').map((e) => `/feedback ${e}`),
      ...examples(locale, 'feedback.usage'),
    ];
    expect(shown.length).toBeGreaterThan(1);
    for (const example of shown) {
      const before = count('feedback_items');
      const reply = await h.run(example, { locale });
      expect(count('feedback_items'), `${example}: ${reply.text}`).toBe(before + 1);
    }
  });
});

describe.each(LOCALES)('/crm link examples in %s', (locale) => {
  it('each reads the customer’s whole name and the id given as `id:` or `编号：`', () => {
    const crm = h.app.registry.command('crm');
    if (!crm) throw new Error('no /crm command');
    const shown = (['crm.link.badCustomer', 'crm.link.badAccount'] as MessageKey[]).flatMap((k) =>
      examples(locale, k),
    );
    expect(shown.length).toBeGreaterThan(1);
    for (const example of shown) {
      const [, name, id] = /^\/crm link (.+?)(?: (?:id:|编号：)(\S+))?$/u.exec(example) ?? [];
      const parsed = parseInvocation(crm, example.replace(/^\/crm /u, ''), {
        platform: 'slack',
        workspaceId: 'T1',
      });
      expect(parsed.ok && parsed.args, example).toEqual(
        id ? { customer: name, account: id } : { customer: name },
      );
    }
  });
});

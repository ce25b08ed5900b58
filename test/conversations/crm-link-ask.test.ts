import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/core/crm.js';
import type { Locale } from '../../src/core/i18n/locale.js';
import { type FakeZoho, startFakeZoho } from '../fakes/fake-zoho.js';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

const TABLES = ['customers', 'audit_log'];
const XINGCHEN_ID = '5725767000000900001';
const GLOBEX_ID = '5725767000000900002';

/** Zoho's accounts server is the fake; any other host fails. */
function zohoFetch(zoho: () => string | undefined): Fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const fake = zoho();
    const target =
      url.host === 'accounts.zoho.com' && fake ? new URL(`${url.pathname}${url.search}`, fake) : url;
    if (target.hostname !== '127.0.0.1') return Promise.reject(new Error(`test fetch refused ${url.host}`));
    return fetch(target, init);
  };
}

function buttonsOf(reply: Awaited<ReturnType<Harness['run']>>) {
  return reply.responder.replies
    .flatMap((r) => r.message.blocks ?? [])
    .flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
}

const customers = (h: Harness) =>
  h.sql.prepare('select name, crm_account_id id from customers order by id').all() as {
    name: string;
    id: string | null;
  }[];

const cases = [
  {
    locale: 'en' as const,
    feedback: (customer: string) => `/feedback customer:"${customer}" rating:4 fine`,
    link: '/crm link',
    linked: (customer: string, id: string) => `Linked ${customer} to CRM account ${id}.`,
    unknown: (customer: string) => `There is no customer named “${customer}” yet.`,
    didYouMean: 'Did you mean one of the customers below?',
    use: (name: string) => `Use ${name}`,
    create: (name: string) => `Create “${name}”`,
    created: (name: string) => `Created the customer “${name}”.`,
  },
  {
    locale: 'zh-CN' as const,
    feedback: (customer: string) => `/feedback 客户：“${customer}” 评分：4 还行`,
    link: '/crm 关联',
    linked: (customer: string, id: string) => `已将“${customer}”关联到 CRM 客户 ${id}。`,
    unknown: (customer: string) => `还没有名为“${customer}”的客户。`,
    didYouMean: '是不是下面的某个客户？',
    use: (name: string) => `用“${name}”`,
    create: (name: string) => `新建“${name}”`,
    created: (name: string) => `已新建客户“${name}”。`,
  },
];

describe.each(cases)('/crm link asks before it creates a customer ($locale)', (c) => {
  let h: Harness;
  const who = (): { locale: Locale } => ({ locale: c.locale });

  beforeEach(async () => {
    h = createHarness();
    // Known customer, typed with half-width brackets.
    await h.run(c.feedback('北京星辰科技(中国)'), { user: 'bob', locale: c.locale });
  });

  afterEach(async () => {
    await h.app.close();
  });

  it('a name that is the same customer in other brackets, width or case links it without asking', async () => {
    const linked = await h.run(`${c.link} 北京星辰科技（中国） ${XINGCHEN_ID}`, who());
    expect(linked.text).toBe(c.linked('北京星辰科技(中国)', XINGCHEN_ID));
    expect(buttonsOf(linked)).toEqual([]);
    expect(customers(h)).toEqual([{ name: '北京星辰科技(中国)', id: XINGCHEN_ID }]);
  });

  it('a name that matches none suggests near ones and creates nothing until asked', async () => {
    const before = snapshot(h, TABLES);
    const asked = await h.run(`${c.link} 北京星辰科技 ${XINGCHEN_ID}`, who());
    expect(asked.text).toContain(c.unknown('北京星辰科技'));
    expect(asked.text).toContain(c.didYouMean);
    expect(asked.responder.replies[0]?.visibility).toBe('ephemeral');
    const buttons = buttonsOf(asked);
    expect(buttons.map((b) => b.label)).toEqual([c.use('北京星辰科技(中国)'), c.create('北京星辰科技')]);
    expect(snapshot(h, TABLES)).toBe(before);

    // Taking the suggestion links the customer that exists; no second one is made.
    const used = await h.click(buttons[0]?.actionId ?? '', buttons[0]?.value ?? '', who());
    expect(used.text).toBe(c.linked('北京星辰科技(中国)', XINGCHEN_ID));
    expect(customers(h)).toEqual([{ name: '北京星辰科技(中国)', id: XINGCHEN_ID }]);
  });

  it('creating keeps the name as typed, full-width brackets and all', async () => {
    const asked = await h.run(`${c.link} Globex（亚太） ${GLOBEX_ID}`, who());
    expect(asked.text).toContain(c.unknown('Globex（亚太）'));
    expect(asked.text).not.toContain(c.didYouMean);
    const [create] = buttonsOf(asked);
    expect(create?.label).toBe(c.create('Globex（亚太）'));
    const made = await h.click(create?.actionId ?? '', create?.value ?? '', who());
    expect(made.text).toBe(`${c.created('Globex（亚太）')}\n${c.linked('Globex（亚太）', GLOBEX_ID)}`);
    expect(customers(h)).toEqual([
      { name: '北京星辰科技(中国)', id: null },
      { name: 'Globex（亚太）', id: GLOBEX_ID },
    ]);
    // Typed again in half-width brackets and upper case, it is the same customer: no question.
    const again = await h.run(`${c.link} GLOBEX(亚太) ${GLOBEX_ID}`, who());
    expect(buttonsOf(again)).toEqual([]);
    expect(customers(h)).toHaveLength(2);
  });

  it('a forged create or use click changes nothing', async () => {
    const before = snapshot(h, TABLES);
    for (const [action, value] of [
      ['crm.link.create', '\n（）'],
      ['crm.link.create', 'has space\nAcme'],
      ['crm.link.use', '\n999'],
      ['crm.link.use', 'no-line-break'],
    ] as const) {
      const clicked = await h.click(action, value, who());
      expect(clicked.text).toMatch(/out of date|已经过期/u);
    }
    expect(snapshot(h, TABLES)).toBe(before);
  });
});

describe.each(cases)('/crm link by name, through the CRM search, after the same question ($locale)', (c) => {
  let h: Harness;
  let zoho: FakeZoho;

  beforeEach(async () => {
    zoho = await startFakeZoho();
    zoho.accounts = [{ id: GLOBEX_ID, name: 'Globex（亚太）' }];
    h = createHarness({
      fetch: zohoFetch(() => zoho.url),
      crm: {
        zoho: {
          dataCenter: 'com',
          clientId: zoho.clientId,
          clientSecret: zoho.clientSecret,
          refreshToken: zoho.refreshToken,
        },
      },
    });
    await h.run('/crm connect zoho');
  });

  afterEach(async () => {
    await h.app.close();
    await zoho.close();
  });

  it('asks first; the CRM is searched only once the customer is confirmed', async () => {
    const searches = zoho.requestsTo('search').length;
    const asked = await h.run(`${c.link} Globex（亚太）`, { locale: c.locale });
    expect(asked.text).toContain(c.unknown('Globex（亚太）'));
    expect(zoho.requestsTo('search')).toHaveLength(searches);
    const [create] = buttonsOf(asked);
    const made = await h.click(create?.actionId ?? '', create?.value ?? '', { locale: c.locale });
    expect(made.text).toContain(c.created('Globex（亚太）'));
    expect(made.text).toContain(GLOBEX_ID);
    expect(customers(h)).toEqual([{ name: 'Globex（亚太）', id: GLOBEX_ID }]);
  });
});

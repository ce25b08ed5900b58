import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/core/crm.js';
import { type FakeFxiaoke, startFakeFxiaoke } from '../fakes/fake-fxiaoke.js';
import { FakeWebhookReceiver } from '../fakes/fake-webhook-receiver.js';
import { type FakeZoho, startFakeZoho } from '../fakes/fake-zoho.js';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';

const HUAXING = '华星科技（上海）有限公司';
const HUAXING_ZOHO = '5725767000000100001';
const HUAXING_FX = '65f0a1b2c3d4e5f600000001';
const ACME_1 = '5725767000000200001';
const ACME_2 = '5725767000000200002';
const WEBHOOK_SECRET = 'whsec_muster_crm_test_7f3a9c1e5b2d4f60';
const MINUTE = 60_000;
const CRM_TABLES = ['customers', 'crm_connections', 'crm_queue', 'audit_log'];

/**
 * Lets connectors reach the local fakes and nothing else: Zoho's accounts server for the chosen
 * data center is the fake (which hands out its own address as the API domain); any other host fails.
 */
function loopbackFetch(zohoUrl: () => string | undefined = () => undefined): Fetch {
  return (input, init) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw);
    const zoho = zohoUrl();
    const target =
      url.host === 'accounts.zoho.com' && zoho ? new URL(`${url.pathname}${url.search}`, zoho) : url;
    if (target.hostname !== '127.0.0.1') return Promise.reject(new Error(`test fetch refused ${url.host}`));
    return fetch(target, init);
  };
}

/** Opens `/crm connect <kind>` as alice (an admin) and submits the form with `values`. */
async function connectByForm(h: Harness, kind: string, values: Record<string, string>) {
  const opened = await h.run(`/crm connect ${kind}`);
  const form = opened.responder.forms[0];
  if (!form) throw new Error(`no form: ${opened.text}`);
  const submitted = await h.send({
    type: 'form.submitted',
    ...h.base({}),
    formId: form.formId,
    context: form.context,
    values,
  });
  return { form, submitted, text: submitted.replies.map((r) => textOf(r.message)).join('\n') };
}

function zohoValues(zoho: FakeZoho, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    dataCenter: 'com',
    clientId: zoho.clientId,
    clientSecret: zoho.clientSecret,
    refreshToken: zoho.refreshToken,
    ...overrides,
  };
}

/**
 * `/crm link` for a customer Muster may not know yet: when it asks before creating one, presses
 * "Create" as the same person, and returns what came back last.
 */
async function linkNew(h: Harness, line: string, who: Parameters<Harness['run']>[1] = {}) {
  const asked = await h.run(line, who);
  const create = asked.responder.replies
    .flatMap((r) => r.message.blocks ?? [])
    .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
    .find((b) => b.actionId === 'crm.link.create');
  return create ? h.click(create.actionId, create.value ?? '', who) : asked;
}

const queue = (h: Harness) =>
  h.sql
    .prepare('select event_id, status, attempts, remote_id, last_error from crm_queue order by id')
    .all() as {
    event_id: string;
    status: string;
    attempts: number;
    remote_id: string | null;
    last_error: string | null;
  }[];

const stopNotices = (h: Harness) =>
  h.platform.sent.filter((s) => s.target.kind === 'dm' && /stopped syncing|暂停/.test(s.message.text));

/** Runs the queue now, and again after `minutes`, as the minute tick would. */
async function later(h: Harness, minutes: number): Promise<void> {
  h.clock.advance(minutes * MINUTE);
  await h.app.tick(h.clock.now());
}

describe('Zoho CRM', () => {
  let zoho: FakeZoho;
  let h: Harness;

  beforeEach(async () => {
    zoho = await startFakeZoho();
    zoho.accounts = [
      { id: HUAXING_ZOHO, name: HUAXING },
      { id: ACME_1, name: 'Acme Robotics' },
      { id: ACME_2, name: 'Acme Robotics' },
    ];
    h = createHarness({ fetch: loopbackFetch(() => zoho.url) });
  });

  afterEach(async () => {
    await h.app.close();
    await zoho.close();
  });

  async function connectAndLink(): Promise<void> {
    const { form, submitted, text } = await connectByForm(h, 'zoho', zohoValues(zoho));
    expect(form.fields.map((f) => f.id)).toEqual(['dataCenter', 'clientId', 'clientSecret', 'refreshToken']);
    expect(submitted.rejections).toEqual([]);
    expect(text).toContain('Zoho CRM is connected');
    expect((await linkNew(h, `/crm link ${HUAXING}`)).text).toContain(`(id ${HUAXING_ZOHO})`);
  }

  it('connects by form, links a Chinese name, and a feedback item becomes one note with everything on it', async () => {
    await connectAndLink();
    await h.run(`/feedback customer:${HUAXING} rating:2 交付延期 #交付`, { user: 'bob' });
    await h.app.crm.drain();
    expect(zoho.notes).toHaveLength(1);
    const note = zoho.notes[0];
    expect(note).toMatchObject({
      parentId: HUAXING_ZOHO,
      module: 'Accounts',
      title: 'Feedback #1 from 华星科技（上海）有限公司: 2/5',
    });
    for (const part of [
      'Customer: 华星科技（上海）有限公司',
      'Score: 2/5',
      'Comment: 交付延期',
      'Tags: #交付',
      'Group: #C1',
      'Recorded by: bob',
    ]) {
      expect(note?.content).toContain(part);
    }
    await h.run('/feedback resolve 1 已给出明确的交付时间');
    await h.app.crm.drain();
    expect(zoho.notes.map((n) => n.title)).toEqual([
      'Feedback #1 from 华星科技（上海）有限公司: 2/5',
      'Feedback #1 resolved',
    ]);
    expect(zoho.notes[1]?.content).toContain('Resolved by alice: 已给出明确的交付时间');
    // Ticks find nothing more to send.
    await later(h, 5);
    expect(zoho.notes).toHaveLength(2);
    expect(queue(h).map((r) => [r.event_id, r.status])).toEqual([
      ['fb:1:created', 'sent'],
      [expect.stringMatching(/^fb:1:resolved:\d+$/), 'sent'],
    ]);
    const status = (await h.run('/crm status')).text;
    expect(status).toContain('syncing');
    expect(status).toMatch(/Waiting: 0/);
    expect(status).toMatch(/Linked customers: 1/);
    expect(status).toContain('Server: United States (zoho.com)');
  });

  it('only linked customers are synced to Zoho; taking an item is a status change', async () => {
    await connectAndLink();
    await h.run('/feedback customer:Unlinked Ltd rating:4 fine', { user: 'bob' });
    await h.run(`/feedback customer:${HUAXING} rating:4 还行`, { user: 'bob' });
    await h.run('/feedback assign 2 <@carol>');
    await h.app.crm.drain();
    expect(zoho.notes.map((n) => n.title)).toEqual([
      'Feedback #2 from 华星科技（上海）有限公司: 4/5',
      'Feedback #2 is now in progress',
    ]);
  });

  it('lands exactly once when Zoho answers 500 twice, retrying with backoff', async () => {
    await connectAndLink();
    zoho.failNext('notes', 2, { status: 500 });
    await h.run(`/feedback customer:${HUAXING} rating:2 交付延期`, { user: 'bob' });
    await h.app.crm.drain();
    expect(zoho.notes).toHaveLength(0);
    expect(queue(h)).toMatchObject([{ status: 'pending', attempts: 1 }]);
    // Not due yet: the first retry waits a minute.
    await later(h, 0.5);
    expect(zoho.requestsTo('notes')).toHaveLength(1);
    await later(h, 1);
    expect(zoho.requestsTo('notes')).toHaveLength(2);
    await later(h, 3);
    await later(h, 10);
    await later(h, 60);
    expect(zoho.notes).toHaveLength(1);
    expect(zoho.requestsTo('notes')).toHaveLength(3);
    expect(queue(h)).toMatchObject([{ status: 'sent', attempts: 3, last_error: null }]);
    const status = (await h.run('/crm status')).text;
    expect(status).toContain('could not be reached or was busy');
    // The error is history: a sync went through after it.
    expect(status).toContain('syncing fine since');
  });

  it('survives a restart between the failures', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'muster-crm-')), 'muster.db');
    await h.app.close();
    h = createHarness({ dbPath, fetch: loopbackFetch(() => zoho.url) });
    await connectAndLink();
    zoho.failNext('notes', 2, { status: 500 });
    await h.run(`/feedback customer:${HUAXING} rating:2 交付延期`, { user: 'bob' });
    await h.app.crm.drain();
    expect(zoho.requestsTo('notes')).toHaveLength(1);
    await h.app.close();

    h = createHarness({ dbPath, fetch: loopbackFetch(() => zoho.url) });
    await later(h, 2);
    expect(zoho.requestsTo('notes')).toHaveLength(2);
    expect(zoho.notes).toHaveLength(0);
    await later(h, 5);
    await later(h, 60);
    expect(zoho.notes).toHaveLength(1);
    expect(zoho.notes[0]?.parentId).toBe(HUAXING_ZOHO);
  });

  it('a sender that died holding a row is taken over once its lease has passed, and not before', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'muster-crm-lease-')), 'muster.db');
    await h.app.close();
    h = createHarness({ dbPath, fetch: loopbackFetch(() => zoho.url) });
    await connectAndLink();
    zoho.failNext('notes', 1, { status: 503 });
    await h.run(`/feedback customer:${HUAXING} rating:2 交付延期`, { user: 'bob' });
    await h.app.crm.drain();
    await h.app.close();
    // As a process leaves it when it dies mid-call: claimed, leased for five minutes.
    h = createHarness({ dbPath, fetch: loopbackFetch(() => zoho.url) });
    const leaseUntil = h.clock.now().getTime() + 5 * MINUTE;
    h.sql.prepare(`update crm_queue set status = 'sending', lease_until = ?`).run(leaseUntil);
    await later(h, 2);
    expect(zoho.requestsTo('notes')).toHaveLength(1);
    await later(h, 4);
    expect(zoho.notes).toHaveLength(1);
    expect(queue(h)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('switching to another CRM drops what waited for the old one and its links; disconnecting forgets the secrets', async () => {
    await connectAndLink();
    zoho.failNext('notes', 1, { status: 500 });
    await h.run(`/feedback customer:${HUAXING} rating:4 等待中`, { user: 'bob' });
    await h.app.crm.drain();
    const receiver = new FakeWebhookReceiver({ secret: WEBHOOK_SECRET, now: () => h.clock.now() });
    await receiver.start();
    const { text } = await connectByForm(h, 'webhook', { url: receiver.url, signingSecret: WEBHOOK_SECRET });
    expect(text).toContain(
      'It replaces Zoho CRM: what still waited for Zoho CRM was dropped (1), and customer links to Zoho CRM accounts were cleared (1).',
    );
    expect(queue(h)).toMatchObject([
      { status: 'failed', last_error: 'Not sent: the workspace switched from zoho to webhook.' },
    ]);
    expect(h.sql.prepare('select count(*) n from customers where crm_account_id is not null').get()).toEqual({
      n: 0,
    });
    await later(h, 5);
    expect(zoho.notes).toHaveLength(0);
    expect(receiver.deliveries).toHaveLength(0);

    expect((await h.run('/crm disconnect')).text).toContain(
      'Webhook is disconnected and its credentials are deleted',
    );
    expect(h.sql.prepare('select count(*) n from crm_connections').get()).toEqual({ n: 0 });
    expect((await h.run('/crm disconnect')).text).toContain('No CRM is connected');
    expect((await h.run('/crm')).text).toContain('No CRM is connected');
    await receiver.stop();
  });

  it('refreshes an expired token once and retries the call once', async () => {
    await connectAndLink();
    const tokensBefore = zoho.tokenRequests;
    zoho.expireTokens();
    await h.run(`/feedback customer:${HUAXING} rating:3 还可以`, { user: 'bob' });
    await h.app.crm.drain();
    expect(zoho.tokenRequests - tokensBefore).toBe(1);
    expect(zoho.requestsTo('notes')).toHaveLength(2);
    expect(zoho.notes).toHaveLength(1);
  });

  it('a refused refresh token stops the sync, tells the admins once, keeps the items, and a reconnect sends them', async () => {
    await connectAndLink();
    zoho.revokeRefreshToken();
    zoho.expireTokens();
    await h.run(`/feedback customer:${HUAXING} rating:4 第一条`, { user: 'bob' });
    await h.run(`/feedback customer:${HUAXING} rating:5 第二条`, { user: 'bob' });
    await h.app.crm.drain();
    for (let i = 0; i < 4; i++) await later(h, 30);
    expect(zoho.notes).toHaveLength(0);
    const notices = stopNotices(h);
    expect(notices.map((n) => (n.target.kind === 'dm' ? n.target.user.userId : ''))).toEqual(['alice']);
    expect(notices[0]?.message.text).toContain('invalid_code');
    expect(notices[0]?.message.text).toContain('Items waiting: 2.');
    expect(notices[0]?.message.text).toContain('/crm connect zoho');
    expect(queue(h)).toMatchObject([
      { status: 'pending', attempts: 0 },
      { status: 'pending', attempts: 0 },
    ]);
    // Stopped means stopped: no more calls while nobody has fixed it.
    const calls = zoho.requests.length;
    await later(h, 120);
    expect(zoho.requests.length).toBe(calls);
    const status = (await h.run('/crm status')).text;
    expect(status).toContain('stopped: the CRM refused the credentials');
    expect(status).toMatch(/Waiting: 2/);
    expect(status).toContain('Zoho API Console');

    const refreshToken = zoho.issueRefreshToken();
    const { text } = await connectByForm(h, 'zoho', zohoValues(zoho, { refreshToken }));
    expect(text).toContain('Waiting items are going out now (2)');
    await h.app.crm.drain();
    expect(zoho.notes).toHaveLength(2);
    expect(stopNotices(h)).toHaveLength(1);
  });

  it('a name with several accounts offers a choice; picking one links it', async () => {
    await connectAndLink();
    const before = snapshot(h, CRM_TABLES);
    const asked = await linkNew(h, '/crm link Acme Robotics');
    expect(snapshot(h, CRM_TABLES)).toBe(before);
    const buttons = asked.responder.replies[0]?.message.blocks?.flatMap((b) =>
      b.type === 'buttons' ? b.buttons : [],
    );
    expect(buttons?.map((b) => b.label)).toEqual([
      `Acme Robotics (id ${ACME_1})`,
      `Acme Robotics (id ${ACME_2})`,
    ]);
    const picked = await h.click('crm.link.pick', buttons?.[1]?.value ?? '');
    expect(picked.text).toContain(`Linked Acme Robotics to Acme Robotics (id ${ACME_2})`);
    expect(
      h.sql.prepare(`select crm_account_id id from customers where name = 'Acme Robotics'`).get(),
    ).toEqual({
      id: ACME_2,
    });
    // A forged or stale click changes nothing.
    const after = snapshot(h, CRM_TABLES);
    expect((await h.click('crm.link.pick', '{"c":1}')).text).toContain('out of date');
    expect(snapshot(h, CRM_TABLES)).toBe(after);
  });

  it('no match, a blank name, a bad id and refused credentials get clear answers and change nothing', async () => {
    await connectAndLink();
    const before = snapshot(h, CRM_TABLES);
    const none = await linkNew(h, '/crm 关联 不存在的公司', { user: 'mei', admin: true, locale: 'zh-CN' });
    expect(none.text).toContain('Zoho CRM 里没有名称完全一致的客户“不存在的公司”');
    expect(none.responder.replies[0]?.visibility).toBe('ephemeral');
    expect((await h.run('/crm link （）')).text).toContain('Which customer?');
    expect((await h.run(`/crm link Acme id:${'9'.repeat(101)}`)).text).toContain('at most 100 characters');
    expect((await h.run('/crm link Acme Robotics', { user: 'bob' })).text).toContain('only a group manager');
    expect((await h.run('/crm connect salesforce')).text).toMatch(/zoho \| fxiaoke \| webhook/);
    expect((await h.run('/crm connect zoho', { user: 'bob' })).text).toContain('Only a workspace admin');
    const blank = await connectByForm(h, 'zoho', zohoValues(zoho, { clientSecret: ' ' }));
    expect(blank.submitted.rejections).toEqual([{ clientSecret: 'Fill this in.' }]);
    const wrong = await connectByForm(h, 'zoho', zohoValues(zoho, { clientSecret: 'not-the-secret' }));
    expect(wrong.text).toContain('Zoho CRM refused the credentials (invalid_client)');
    expect(wrong.text).toContain('Nothing was saved');
    expect(snapshot(h, CRM_TABLES)).toBe(before);
  });

  it('links by id without asking Zoho, with Chinese words and full-width punctuation', async () => {
    await connectAndLink();
    const searches = zoho.requestsTo('search').length;
    const linked = await linkNew(h, '/crm 关联 北京云帆数据有限公司 编号：5725767000000300001', {
      locale: 'zh-CN',
    });
    expect(linked.text).toBe(
      '已新建客户“北京云帆数据有限公司”。\n已将“北京云帆数据有限公司”关联到 CRM 客户 5725767000000300001。',
    );
    expect(zoho.requestsTo('search')).toHaveLength(searches);
    expect((await h.run('/crm 状态', { locale: 'zh-CN' })).text).toContain('已关联客户: 2');
  });
});

describe('Fxiaoke', () => {
  let fx: FakeFxiaoke;
  let h: Harness;

  beforeEach(async () => {
    fx = await startFakeFxiaoke({ now: () => h.clock.now() });
    // A tenant whose name search is looser than asked: Muster must still pick the exact name.
    fx.looseNameSearch = true;
    h = createHarness({ fetch: loopbackFetch(), defaultLocale: 'zh-CN' });
  });

  afterEach(async () => {
    await h.app.close();
    await fx.close();
  });

  it('one sales record per feedback item, workflows off, exactly once after 500, 500, ok', async () => {
    const { text } = await connectByForm(h, 'fxiaoke', { baseUrl: fx.url, ...fx.secrets });
    expect(text).toContain('纷享销客已连接');
    expect((await linkNew(h, `/crm 关联 ${HUAXING}`)).text).toContain(`编号 ${HUAXING_FX}`);
    fx.failNext('create', 2, { httpStatus: 500 });
    await h.run(`/feedback 客户：${HUAXING} 评分：2 交付延期，请尽快给出时间 #交付`, { user: 'bob' });
    await h.app.crm.drain();
    await later(h, 2);
    await later(h, 5);
    await later(h, 60);
    expect(fx.requestsTo('create')).toHaveLength(3);
    expect(fx.records).toHaveLength(1);
    const record = fx.records[0];
    expect(record).toMatchObject({
      accountIds: [HUAXING_FX],
      triggerApprovalFlow: false,
      triggerWorkFlow: false,
    });
    expect(record?.content).toContain('客户反馈 #1：华星科技（上海）有限公司，2/5 分');
    expect(record?.content).toContain('反馈内容：交付延期，请尽快给出时间');
    expect(record?.content).toContain('记录人：bob');
  });

  it('refuses a plain-http gateway, so the app secret never travels in clear', async () => {
    const { submitted } = await connectByForm(h, 'fxiaoke', {
      baseUrl: 'http://open.fxiaoke.example',
      ...fx.secrets,
    });
    expect(submitted.rejections).toEqual([{ baseUrl: expect.stringContaining('https://') }]);
    expect(fx.requests).toHaveLength(0);
  });
});

describe('Webhook', () => {
  let receiver: FakeWebhookReceiver;
  let h: Harness;

  beforeEach(async () => {
    receiver = new FakeWebhookReceiver({ secret: WEBHOOK_SECRET, now: () => h.clock.now() });
    await receiver.start();
    h = createHarness({ fetch: loopbackFetch() });
  });

  afterEach(async () => {
    await h.app.close();
    await receiver.stop();
  });

  it('delivers unlinked customers’ events, signed so the receiver’s own recipe accepts them', async () => {
    const { text } = await connectByForm(h, 'webhook', { url: receiver.url, signingSecret: WEBHOOK_SECRET });
    expect(text).toContain('Webhook is connected');
    await h.run('/review action 回访客户 <@bob> 周五 客户：华星科技');
    await h.run('/feedback customer:Acme rating:5 great', { user: 'bob' });
    await h.app.crm.drain();
    // The connection check: a signed ping taken, the same ping unsigned refused; no event refused.
    expect(receiver.pings).toBe(1);
    expect(receiver.rejections.map((r) => [r.reason, r.request.headers['x-muster-event']])).toEqual([
      ['malformed', 'ping'],
    ]);
    expect(receiver.deliveries.map((d) => [d.deliveryId, d.event])).toEqual([
      ['ai:1:created', 'review.action_item'],
      ['fb:1:created', 'feedback.created'],
    ]);
    expect(receiver.deliveries[0]?.payload).toMatchObject({
      customer: { name: '华星科技', crm_account_id: null },
      data: { text: '回访客户', owner: 'bob', due: '2026-12-04' },
    });
    // The documented recipe, step by step, on what arrived.
    const request = receiver.requests.find((r) => r.headers['x-muster-event'] !== 'ping');
    const timestamp = String(request?.headers['x-muster-timestamp']);
    const expected = createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${request?.rawBody}`).digest();
    const given = String(request?.headers['x-muster-signature']).replace(/^v1=/, '');
    expect(timingSafeEqual(Buffer.from(given, 'hex'), expected)).toBe(true);
    expect(queue(h).map((r) => r.remote_id)).toEqual(['rcv-1', 'rcv-2']);
  });

  it('connects from the environment without a form, and a missing secret key stores nothing', async () => {
    await h.app.close();
    h = createHarness({
      fetch: loopbackFetch(),
      crm: { webhook: { url: receiver.url, signingSecret: WEBHOOK_SECRET } },
    });
    const env = await h.run('/crm connect webhook');
    expect(env.responder.forms).toEqual([]);
    expect(env.text).toContain('connected with the credentials from the environment');
    await h.app.close();

    h = createHarness({ secretKey: null, fetch: loopbackFetch() });
    const before = snapshot(h, CRM_TABLES);
    const refused = await h.run('/crm 连接 zoho', { locale: 'zh-CN' });
    expect(refused.text).toContain('MUSTER_SECRET_KEY');
    expect(refused.responder.forms).toEqual([]);
    expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');
    expect(snapshot(h, CRM_TABLES)).toBe(before);
  });
});

describe('secrets', () => {
  it('appear nowhere in clear: not in logs, not in /crm status, not in the database file', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'muster-crm-secrets-')), 'muster.db');
    const zoho = await startFakeZoho();
    zoho.accounts = [{ id: HUAXING_ZOHO, name: HUAXING }];
    let h: Harness | undefined;
    const fx = await startFakeFxiaoke({ now: () => h?.clock.now() ?? new Date() });
    const receiver = new FakeWebhookReceiver({
      secret: WEBHOOK_SECRET,
      now: () => h?.clock.now() ?? new Date(),
    });
    await receiver.start();
    h = createHarness({ dbPath, fetch: loopbackFetch(() => zoho.url) });
    const statuses: string[] = [];
    const round = async (kind: string, values: Record<string, string>) => {
      if (!h) return;
      await connectByForm(h, kind, values);
      await linkNew(h, `/crm link ${HUAXING}`);
      await h.run(`/feedback customer:${HUAXING} rating:3 ok`, { user: 'bob' });
      await h.app.crm.drain();
      statuses.push((await h.run('/crm status')).text);
    };
    await round('zoho', zohoValues(zoho));
    await round('fxiaoke', { baseUrl: fx.url, ...fx.secrets });
    await round('webhook', { url: receiver.url, signingSecret: WEBHOOK_SECRET });
    expect([zoho.notes.length, fx.records.length, receiver.deliveries.length]).toEqual([1, 1, 1]);

    const secrets = [
      zoho.clientSecret,
      zoho.refreshToken,
      ...zoho.issuedTokens,
      fx.appSecret,
      fx.permanentCode,
      ...fx.issuedTokens,
      WEBHOOK_SECRET,
    ];
    const files = () => [dbPath, `${dbPath}-wal`].filter(existsSync).map((p) => readFileSync(p));
    const found = (where: string, haystack: string | Buffer) =>
      secrets.filter((s) => haystack.includes(s)).map((s) => `${where}: ${s.slice(0, 6)}…`);
    const leaks = () => [
      ...found('logs', h?.logLines.join('\n') ?? ''),
      ...statuses.flatMap((s, i) => found(`status ${i}`, s)),
      ...files().flatMap((bytes) => found('database', bytes)),
    ];
    expect(leaks()).toEqual([]);
    await h.app.close();
    expect(leaks()).toEqual([]);
    await zoho.close();
    await fx.close();
    await receiver.stop();
  });
});

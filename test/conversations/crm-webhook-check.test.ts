import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/core/crm.js';
import type { Locale } from '../../src/core/i18n/locale.js';
import { FakeWebhookReceiver } from '../fakes/fake-webhook-receiver.js';
import { createHarness, type Harness, snapshot, textOf } from '../helpers/harness.js';

const SECRET = 'whsec_ping_check_5b1e7d3f9a2c4e60';
const CRM_TABLES = ['crm_connections', 'crm_queue', 'customers', 'audit_log'];

/** Connectors reach the local receiver and nothing else. */
const localFetch: Fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (url.hostname !== '127.0.0.1') return Promise.reject(new Error(`test fetch refused ${url.host}`));
  return fetch(url, init);
};

/** Opens `/crm connect webhook` as the admin, in `locale`, and submits the form. */
async function connect(h: Harness, locale: Locale, url: string, signingSecret: string) {
  const opened = await h.run(locale === 'zh-CN' ? '/crm 连接 webhook' : '/crm connect webhook', { locale });
  const form = opened.responder.forms[0];
  if (!form) throw new Error(`no form: ${opened.text}`);
  const submitted = await h.send({
    type: 'form.submitted',
    ...h.base({ locale }),
    formId: form.formId,
    context: form.context,
    values: { url, signingSecret },
  });
  return submitted.replies.map((r) => textOf(r.message)).join('\n');
}

const cases = [
  {
    locale: 'en' as const,
    connected: 'A signed test ping reached the receiver, and one without a signature was refused.',
    wrongSecret: 'refused the signed test ping (http_401). Check that it uses the same signing secret',
    down: 'got no usable answer',
    careless: 'accepted a test ping that had no signature',
    nothingSaved: 'Nothing was saved.',
  },
  {
    locale: 'zh-CN' as const,
    connected: '带签名的测试请求已送达接收方，不带签名的请求也被正确拒绝。',
    wrongSecret: '拒绝了带签名的测试请求（http_401）。请确认它使用的签名密钥与这里填写的一致',
    down: '没有得到可用的回应',
    careless: '接受了一个没有签名的测试请求',
    nothingSaved: '本次没有保存。',
  },
];

describe.each(cases)(
  'a webhook connection is checked with a signed ping before it is saved ($locale)',
  (c) => {
    let h: Harness;
    let receiver: FakeWebhookReceiver;

    beforeEach(async () => {
      h = createHarness({ fetch: localFetch });
      receiver = new FakeWebhookReceiver({ secret: SECRET, now: () => h.clock.now() });
      await receiver.start();
    });

    afterEach(async () => {
      await h.app.close();
      await receiver.stop();
    });

    it('saves the connection once the receiver takes the signed ping and refuses it unsigned', async () => {
      const text = await connect(h, c.locale, receiver.url, SECRET);
      expect(text).toContain(c.connected);
      expect(receiver.pings).toBe(1);
      expect(
        receiver.requests.map((r) => [r.headers['x-muster-event'], 'x-muster-signature' in r.headers]),
      ).toEqual([
        ['ping', true],
        ['ping', false],
      ]);
      // A ping is a check, not an event: nothing is recorded as delivered.
      expect(receiver.deliveries).toEqual([]);
      expect(h.sql.prepare('select kind from crm_connections').all()).toEqual([{ kind: 'webhook' }]);
    });

    it('a receiver with another secret refuses the ping: the admin is told why and nothing is saved', async () => {
      const before = snapshot(h, CRM_TABLES);
      const text = await connect(h, c.locale, receiver.url, 'whsec_someone_elses_secret_0000');
      expect(text).toContain(c.wrongSecret);
      expect(text).toContain(`127.0.0.1:${receiver.port}`);
      expect(text).toContain(c.nothingSaved);
      expect(receiver.rejections.map((r) => r.reason)).toEqual(['bad_signature']);
      expect(snapshot(h, CRM_TABLES)).toBe(before);
    });

    it('a receiver that cannot be reached: the admin is told and nothing is saved', async () => {
      const url = receiver.url;
      await receiver.stop();
      const before = snapshot(h, CRM_TABLES);
      const text = await connect(h, c.locale, url, SECRET);
      expect(text).toContain(c.down);
      expect(text).toContain(c.nothingSaved);
      expect(snapshot(h, CRM_TABLES)).toBe(before);
      await receiver.start();
    });

    it('a receiver that accepts an unsigned ping checks nothing: refused, nothing saved', async () => {
      const careless = new FakeWebhookReceiver({ secret: SECRET, verifiesSignatures: false });
      await careless.start();
      try {
        const before = snapshot(h, CRM_TABLES);
        const text = await connect(h, c.locale, careless.url, SECRET);
        expect(text).toContain(c.careless);
        expect(text).toContain('X-Muster-Signature');
        expect(text).toContain(c.nothingSaved);
        expect(snapshot(h, CRM_TABLES)).toBe(before);
      } finally {
        await careless.stop();
      }
    });

    it('the environment’s webhook is pinged the same way before it is saved', async () => {
      await h.app.close();
      h = createHarness({
        fetch: localFetch,
        crm: { webhook: { url: receiver.url, signingSecret: 'whsec_not_the_receivers_0000' } },
      });
      const before = snapshot(h, CRM_TABLES);
      const refused = await h.run(c.locale === 'zh-CN' ? '/crm 连接 webhook' : '/crm connect webhook', {
        locale: c.locale,
      });
      expect(refused.text).toContain(c.wrongSecret);
      expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');
      expect(snapshot(h, CRM_TABLES)).toBe(before);
    });
  },
);

import { describe, expect, it } from 'vitest';
import { CrmError } from '../../core/crm.js';
import {
  afterCrmFailure,
  crmRetryPolicy,
  describeFailure,
  isSafeEndpoint,
  nameVariants,
  queueAccount,
  scrub,
  splitLinkText,
} from './crm.domain.js';

const transient = (retryAfterMs?: number) =>
  new CrmError('busy', { kind: 'transient', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('afterCrmFailure', () => {
  it('backs off exponentially from a minute, capped at an hour, then gives up', () => {
    const delays = [1, 2, 3, 7, 8, 9].map((n) => afterCrmFailure(transient(), n, crmRetryPolicy));
    expect(delays).toEqual([
      { action: 'retry', delayMs: 60_000 },
      { action: 'retry', delayMs: 120_000 },
      { action: 'retry', delayMs: 240_000 },
      { action: 'retry', delayMs: 3_600_000 },
      { action: 'retry', delayMs: 3_600_000 },
      { action: 'retry', delayMs: 3_600_000 },
    ]);
    expect(afterCrmFailure(transient(), 10, crmRetryPolicy)).toEqual({
      action: 'give_up',
      reason: 'exhausted',
    });
  });

  it('waits as long as the CRM asked, up to a day', () => {
    expect(afterCrmFailure(transient(20_000), 1, crmRetryPolicy)).toEqual({
      action: 'retry',
      delayMs: 20_000,
    });
    expect(afterCrmFailure(transient(3 * 86_400_000), 1, crmRetryPolicy)).toEqual({
      action: 'retry',
      delayMs: 86_400_000,
    });
  });

  it('stops the workspace on refused credentials, gives up a rejected event, retries the unknown', () => {
    expect(afterCrmFailure(new CrmError('no', { kind: 'auth' }), 1, crmRetryPolicy)).toEqual({
      action: 'stop',
    });
    // Even the last attempt: refused credentials are not the event's fault.
    expect(afterCrmFailure(new CrmError('no', { kind: 'auth' }), 10, crmRetryPolicy)).toEqual({
      action: 'stop',
    });
    expect(afterCrmFailure(new CrmError('bad', { kind: 'permanent' }), 1, crmRetryPolicy)).toEqual({
      action: 'give_up',
      reason: 'permanent',
    });
    expect(afterCrmFailure(new TypeError('oops'), 1, crmRetryPolicy)).toEqual({
      action: 'retry',
      delayMs: 60_000,
    });
  });
});

describe('describeFailure and scrub', () => {
  it('keeps kind and code and blanks out every secret', () => {
    const error = new CrmError('token s3cr3t-value was refused', { kind: 'auth', code: 'invalid_code' });
    expect(describeFailure(error, ['s3cr3t-value'])).toEqual({
      kind: 'auth',
      code: 'invalid_code',
      message: 'token *** was refused',
      detail: 'invalid_code',
    });
    expect(describeFailure(new Error('boom'), [])).toEqual({
      kind: 'transient',
      code: undefined,
      message: 'boom',
      detail: 'boom',
    });
  });

  it('leaves short values alone and cuts long text', () => {
    expect(scrub('a id b', ['id'])).toBe('a id b');
    expect(scrub('x'.repeat(600), [])).toHaveLength(500);
  });
});

describe('queueAccount', () => {
  it('queues linked customers only, except on a webhook, and nothing without a CRM', () => {
    expect(queueAccount(undefined, '42')).toBeUndefined();
    expect(queueAccount('zoho', null)).toBeUndefined();
    expect(queueAccount('fxiaoke', '  ')).toBeUndefined();
    expect(queueAccount('zoho', ' 42 ')).toBe('42');
    expect(queueAccount('webhook', null)).toBe('');
    expect(queueAccount('webhook', 'C-7')).toBe('C-7');
  });
});

describe('nameVariants', () => {
  it('tries the name as typed and with either width of brackets', () => {
    expect(nameVariants(' 华星科技(上海)有限公司 ')).toEqual([
      '华星科技(上海)有限公司',
      '华星科技（上海）有限公司',
    ]);
    expect(nameVariants('华星科技（上海）有限公司')).toEqual([
      '华星科技（上海）有限公司',
      '华星科技(上海)有限公司',
    ]);
    expect(nameVariants('Acme  Robotics')).toEqual(['Acme Robotics']);
    expect(nameVariants('  ')).toEqual([]);
  });
});

describe('splitLinkText', () => {
  it('takes a trailing id-like word as the account id, and leaves names whole', () => {
    expect(splitLinkText('华星科技（上海）有限公司 65f0a1b2c3d4e5f600000001')).toEqual({
      customer: '华星科技（上海）有限公司',
      accountId: '65f0a1b2c3d4e5f600000001',
    });
    expect(splitLinkText('Acme Logistics 4876876000000412001')).toEqual({
      customer: 'Acme Logistics',
      accountId: '4876876000000412001',
    });
    expect(splitLinkText('华星科技\u3000CUST-0042')).toEqual({
      customer: '华星科技',
      accountId: 'CUST-0042',
    });
    for (const name of [
      'Acme Logistics',
      'Studio 54',
      'Acme 2000',
      '华星科技（上海）有限公司',
      '4876876000000412001',
    ]) {
      expect(splitLinkText(name)).toEqual({ customer: name, accountId: undefined });
    }
  });
});

describe('isSafeEndpoint', () => {
  it('allows https anywhere and plain http only on this machine', () => {
    expect(isSafeEndpoint('https://open.fxiaoke.com')).toBe(true);
    expect(isSafeEndpoint('http://127.0.0.1:8080/x')).toBe(true);
    expect(isSafeEndpoint('http://localhost/x')).toBe(true);
    expect(isSafeEndpoint('http://open.fxiaoke.com')).toBe(false);
    expect(isSafeEndpoint('ftp://127.0.0.1')).toBe(false);
    expect(isSafeEndpoint('not a url')).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, snapshot } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

const BOB = { user: 'bob' };
const moderated = () =>
  h.platform.moderated.map((a) => (a.kind === 'delete' ? 'delete' : `${a.kind}:${a.user.userId}`));
const warningsTo = (user: string) =>
  h.platform.sent.filter(
    (s) => (s.target.kind === 'ephemeral' || s.target.kind === 'dm') && s.target.user.userId === user,
  );
const audits = (action: string) =>
  h.sql.prepare('select target_id, details from audit_log where action = ? order by id').all(action) as {
    target_id: string;
    details: string;
  }[];
const minutes = (n: number) => h.clock.advance(n * 60_000);
/** Everything a rule command could change (replies in the outbox aside). */
const RULE_TABLES = ['rules', 'rule_exemptions', 'rule_settings', 'strikes', 'audit_log', 'group_roles'];

async function addWords() {
  const added = await h.run('/rules add words 加微信，代购、scam');
  expect(added.text).toMatch(/^Rule added: `#1`/);
}

describe('/rules add and enforcement', () => {
  it('an admin adds banned words; a member who evades them is deleted, warned, struck and audited', async () => {
    await addWords();
    expect(audits('rules.added')).toHaveLength(1);
    await h.post('大家好，加 微 信 了解一下优惠，详情请私聊我，谢谢大家支持', BOB);
    expect(moderated()).toEqual(['delete']);
    // The reason the platform's audit log shows is in the group's language.
    expect(h.platform.moderated.map((a) => a.reason)).toEqual(['Muster rule #1: Banned words']);
    const warning = warningsTo('bob');
    expect(warning).toHaveLength(1);
    expect(warning[0]?.message.text).toContain('Your message was removed');
    const [enforced] = audits('rules.enforced');
    expect(enforced?.target_id).toBe('slack:T1:bob');
    const details = JSON.parse(enforced?.details ?? '{}') as {
      excerpt: string;
      actions: Record<string, string>;
      strikes: number;
    };
    expect(details.actions).toMatchObject({ delete: 'done', warn: 'sent' });
    expect(details.strikes).toBe(1);
    // A short excerpt around the hit, never the whole message.
    expect(details.excerpt.length).toBeLessThan(45);
    expect(details.excerpt).not.toBe('大家好，加 微 信 了解一下优惠，详情请私聊我，谢谢大家支持');
  });

  it('warns in Chinese a member whose language is Chinese', async () => {
    await addWords();
    await h.run('/muster language zh-CN', BOB);
    await h.post('代購便宜', BOB);
    expect(warningsTo('bob').at(-1)?.message.text).toContain('你的消息已被删除');
  });

  it('bad input gets a localized usage error and stores nothing', async () => {
    const before = snapshot(h, RULE_TABLES);
    const refused = await h.run('/rules add regex (?<=a)b');
    expect(refused.text).toMatch(/look/i);
    expect(refused.responder.replies[0]?.visibility).toBe('ephemeral');
    expect((await h.run('/rules add colour red')).text).toContain('Usage: `/rules add');
    expect((await h.run('/rules add words 加微信', BOB)).text).toContain('only a group admin');
    expect(snapshot(h, RULE_TABLES)).toBe(before);
  });

  it('/rules test says which rules fire and why, and changes nothing', async () => {
    await addWords();
    await h.run('/rules add contacts');
    const before = snapshot(h, RULE_TABLES);
    const result = await h.run('/rules test 加.微.信 13812345678');
    expect(result.text).toContain('This text would break');
    expect(result.text).toContain('`#1`');
    expect(result.text).toContain('`#2`');
    expect((await h.run('/rules test 加班微信群里说')).text).toBe('No rule fires on that text.');
    expect(snapshot(h, RULE_TABLES)).toBe(before);
    expect(h.platform.moderated).toEqual([]);
  });

  it('admins and managers are exempt by default; exemptions by member, channel and role hold', async () => {
    await addWords();
    await h.run('/role add <@mia> manager');
    await h.run('/role add <@sam> support');
    await h.post('scam scam', { user: 'alice' });
    await h.post('scam here', { user: 'mia' });
    expect(h.platform.moderated).toEqual([]);
    expect((await h.run('/rules exempt <@carol>')).text).toContain('now exempt from every rule');
    expect((await h.run('/rules exempt support 1')).text).toContain('now exempt from #1');
    expect((await h.run('/rules exempt <#C9>')).text).toContain('<#C9>');
    await h.post('scam', { user: 'carol' });
    await h.post('scam', { user: 'sam' });
    await h.post('scam', { user: 'bob', channel: 'C9' });
    expect(h.platform.moderated).toEqual([]);
    await h.post('scam', BOB);
    expect(moderated()).toEqual(['delete']);
  });

  it('watch mode only logs', async () => {
    await addWords();
    await h.run('/rules watch 1');
    await h.post('scam offer', BOB);
    expect(h.platform.moderated).toEqual([]);
    expect(warningsTo('bob')).toEqual([]);
    expect(audits('rules.watched')).toHaveLength(1);
    expect(h.sql.prepare('select count(*) n from strikes').get()).toEqual({ n: 0 });
  });

  it('on a platform without delete, the author is warned, admins are alerted, and the audit says so', async () => {
    const noDelete = createHarness({ capabilities: { deleteOthersMessages: false } });
    try {
      await noDelete.run('/rules add words scam');
      await noDelete.post('great scam here', BOB);
      expect(noDelete.platform.moderated).toEqual([]);
      const sent = noDelete.platform.sent;
      expect(sent.some((s) => s.target.kind === 'ephemeral' && s.target.user.userId === 'bob')).toBe(true);
      const alert = sent.find((s) => s.target.kind === 'dm' && s.target.user.userId === 'alice');
      expect(alert?.message.text).toContain('could not delete the message');
      const details = JSON.parse(
        (
          noDelete.sql.prepare("select details from audit_log where action = 'rules.enforced'").get() as {
            details: string;
          }
        ).details,
      ) as { actions: Record<string, string> };
      expect(details.actions.delete).toBe('fallback:not_supported');
    } finally {
      await noDelete.app.close();
    }
  });
});

describe('escalation', () => {
  it('each ladder step is applied exactly once, strikes expire, and a pardon resets', async () => {
    await h.run('/rules add words scam');
    // Offences further apart than the cool-down (10 minutes): each one strikes.
    const hit = async () => {
      await h.post('scam', BOB);
      minutes(11);
    };
    await hit();
    expect(moderated()).toEqual(['delete']);
    await hit();
    await hit();
    expect(moderated().filter((m) => m.startsWith('timeout'))).toEqual(['timeout:bob']);
    const first = h.platform.moderated.find((a) => a.kind === 'timeout');
    expect(first?.kind === 'timeout' && first.until.getTime() - h.clock.now().getTime()).toBeLessThanOrEqual(
      10 * 60_000,
    );
    await hit();
    expect(moderated().filter((m) => m.startsWith('timeout'))).toHaveLength(1);
    await hit();
    const timeouts = h.platform.moderated.filter((a) => a.kind === 'timeout');
    expect(timeouts).toHaveLength(2);
    await hit();
    await hit();
    expect(moderated().filter((m) => m === 'remove:bob')).toEqual(['remove:bob']);
    expect((await h.run('/rules strikes <@bob>')).text).toContain('7 active strikes');

    expect((await h.run('/rules pardon <@bob>')).text).toContain('7 strikes cleared');
    h.platform.moderated.length = 0;
    await hit();
    expect(moderated()).toEqual(['delete']);
    expect(audits('rules.pardoned')).toHaveLength(1);

    // 30 days later the one strike left has expired: the next hit starts over at a warning.
    h.clock.advance(31 * 86_400_000);
    await hit();
    await hit();
    expect(h.platform.moderated.filter((a) => a.kind === 'timeout')).toHaveLength(0);
  });

  it('an admin sets the ladder in Chinese', async () => {
    const set = await h.run('/rules ladder 1次警告，2次禁言30分钟，4次移出');
    expect(set.text).toContain('Escalation ladder saved');
    expect(set.text).toContain('2 strikes → time-out for 30 min');
    await h.run('/rules add words scam');
    await h.post('scam', BOB);
    minutes(11);
    await h.post('scam', BOB);
    const timeout = h.platform.moderated.find((a) => a.kind === 'timeout');
    expect(timeout?.kind === 'timeout' && timeout.until.getTime() - h.clock.now().getTime()).toBe(
      30 * 60_000,
    );
    // The ladder is the workspace's: a group admin cannot change it either.
    expect((await h.run('/rules ladder 3 禁言', BOB)).text).toContain('Only a workspace admin');
    await h.run('/role add <@bob> admin');
    expect((await h.run('/rules ladder 3 禁言', BOB)).text).toContain('Only a workspace admin');
  });
});

describe('regex, flood and mentions', () => {
  it('(a+)+$ runs in linear time on a long input', async () => {
    await h.run('/rules add regex (a+)+$');
    await h.post(`${'a'.repeat(50_000)}!`, BOB);
    expect(h.platform.moderated).toEqual([]);
    await h.post('a'.repeat(50_000), BOB);
    expect(moderated()).toEqual(['delete']);
  });

  it('a look-behind pattern is refused with the reason', async () => {
    const refused = await h.run('/rules add regex (?<=price)\\d+');
    expect(refused.text).toMatch(/look-?(behind|around)/i);
    expect(h.sql.prepare('select count(*) n from rules').get()).toEqual({ n: 0 });
  });
});

describe('thresholds', () => {
  const enforcedKinds = () =>
    audits('rules.enforced').map((a) => (JSON.parse(a.details) as { kinds: string[] }).kinds.join('+'));

  it('flood fires on the message past the limit, not before', async () => {
    expect((await h.run('/rules add flood 10秒内最多5条，重复关闭')).text).toMatch(/^Rule added/);
    for (let i = 1; i <= 5; i++) {
      await h.post(`进度更新第${i}条，今天完成了模块${i}`, BOB);
      h.clock.advance(1_000);
    }
    expect(enforcedKinds()).toEqual([]);
    await h.post('第六条消息来了', BOB);
    expect(enforcedKinds()).toEqual(['flood']);
    // Once the window has passed, the same pace is fine again.
    h.clock.advance(60_000);
    await h.post('过了一分钟再说一句', BOB);
    expect(enforcedKinds()).toEqual(['flood']);
  });

  it('the same text repeated fires at the Nth time, across channels too', async () => {
    await h.run('/rules add flood 60秒内重复3次，频率关闭');
    await h.run('/rules scope 1 workspace');
    await h.post('Buy cheap followers now', { ...BOB, channel: 'C1' });
    await h.post('buy CHEAP followers now!', { ...BOB, channel: 'C2' });
    expect(enforcedKinds()).toEqual([]);
    await h.post('Buy cheap followers now', { ...BOB, channel: 'C3' });
    expect(enforcedKinds()).toEqual(['flood']);
  });

  it('mentions fire above the limit, and broadcasts by members', async () => {
    await h.run('/rules add mentions 3');
    await h.post('<@u1> <@u2> <@u3> please review', BOB);
    expect(enforcedKinds()).toEqual([]);
    await h.post('<@u1> <@u2> <@u3> <@u4> please review', BOB);
    expect(enforcedKinds()).toEqual(['mentions']);
    await h.post('<!channel> 明天放假', BOB);
    expect(enforcedKinds()).toEqual(['mentions', 'mentions']);
    await h.post('<!channel> 明天放假', { user: 'alice' });
    expect(enforcedKinds()).toHaveLength(2);
  });
});

describe('/rules summary, list, log and export', () => {
  it('members read the rules; admins list, post, log and export them', async () => {
    await addWords();
    await h.run('/rules preset ads on');
    const summary = await h.run('/rules', BOB);
    expect(summary.text).toContain('Rules of <#C1>');
    expect(summary.text).not.toContain('Post to the group');
    expect((await h.run('/rules list', BOB)).text).toContain('only a group manager');
    const list = await h.run('/rules list');
    expect(list.text).toContain('`#1` [on]');
    expect(list.text).toContain('`#2` [on]');
    const posted = await h.click('rules.post', 'slack:T1:C1');
    expect(posted.responder.replies[0]?.visibility).toBe('channel');

    await h.post('scam', BOB);
    const log = await h.run('/rules log <@bob>');
    expect(log.text).toContain('bob · #1 Banned words: banned word “scam” · deleted the message, warned');
    const exported = await h.run('/rules export');
    const file = exported.responder.replies[0]?.message.attachments?.[0];
    expect(file?.filename).toMatch(/^muster-rules-log-\d{8}\.csv$/);
    expect(file && 'text' in file ? file.text.split('\r\n')[0] : '').toBe(
      '\uFEFFTime (UTC),Event,By,Member,Rule,Action taken,Strikes,Reason,Excerpt',
    );
    expect(file && 'text' in file ? file.text : '').toContain('Rule enforced on a message');
  });
});

describe('platform audit reasons', () => {
  it('are written in the group’s language', async () => {
    await h.run('/muster settings language zh-CN');
    await h.run('/rules add words 加微信，代购');
    await h.post('加 微 信 了解一下', BOB);
    expect(h.platform.moderated.map((a) => a.reason)).toEqual(['Muster 群规 #1：违禁词']);
  });
});

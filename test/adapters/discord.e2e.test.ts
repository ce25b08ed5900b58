import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, DISCORD_INTENTS } from '../../src/adapters/discord/discord.adapter.js';
import { chineseName } from '../../src/core/commands/define-command.js';
import type { OptionSpec } from '../../src/core/commands/options.js';
import { translator } from '../../src/core/i18n/catalog.js';
import type { ConversationRef, UserRef } from '../../src/core/platform/ids.js';
import { DISCORD_IDS, FakeDiscord, type RegisteredCommand } from '../fakes/fake-discord.js';
import {
  buttonIds,
  callbackText,
  command,
  counter,
  type DiscordHarness,
  dmChannelOf,
  modalComponents,
  modalInputs,
  startDiscord,
} from '../helpers/discord-harness.js';
import { createHarness } from '../helpers/harness.js';

const { guild: G, channel: C, admin: ADMIN, member: BOB } = DISCORD_IDS;
const GROUP: ConversationRef = { platform: 'discord', workspaceId: G, channelId: C };
const bob: UserRef = { platform: 'discord', workspaceId: G, userId: BOB };
const en = translator('en');
const zh = translator('zh-CN');
const MANAGE_MESSAGES = 1n << 13n;

let d: DiscordHarness | undefined;
afterEach(async () => {
  if (!d) return;
  await d.stop();
  expect(d.fake.errors).toEqual([]);
  expect(d.fake.unknownCalls.map((c) => `${c.method} ${c.path}`)).toEqual([]);
  d = undefined;
});

async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > 2_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function started(options: Parameters<typeof startDiscord>[0] = {}): Promise<DiscordHarness> {
  d = await startDiscord(options);
  return d;
}

/** An admin's `/role add` through the real slash command. */
const addRole = (s: DiscordHarness, member: string, role: string) =>
  command(
    s.fake,
    'role',
    'add',
    [
      { name: 'member', type: 6, value: member },
      { name: 'role', type: 3, value: role },
    ],
    { userId: ADMIN, locale: 'en-US' },
  );

const groupRow = (s: DiscordHarness) =>
  s.h.sql.prepare('select timezone, locale, work_start from groups where id = ?').get(`discord:${G}:${C}`);

/** Runs `/muster help` as someone, so the group and that member exist (admins get alerts only once known). */
async function seen(s: DiscordHarness, userId: string): Promise<void> {
  const sent = command(s.fake, 'muster', 'help', [], { userId });
  await s.fake.waitForCallback(sent.id);
}

describe('Discord login and command registration (real discord.js, fake Discord)', () => {
  it('reaches ready with exactly the five intents and puts the commands once, in the guild', async () => {
    const s = await started();
    const bits = [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.GuildMembers,
      GatewayIntentBits.DirectMessages,
    ];
    expect([...DISCORD_INTENTS].sort()).toEqual([...bits].sort());
    expect(s.fake.identifies.map((i) => i.intents)).toEqual([bits.reduce((a, b) => a | b, 0)]);
    expect(s.fake.commandPuts).toBe(1);
    const puts = s.fake.callsTo('PUT', /commands$/);
    expect(puts.map((c) => c.path)).toEqual([`/applications/${s.fake.applicationId}/guilds/${G}/commands`]);
    expect(s.fake.registeredCommands.has('global')).toBe(false);
    expect(s.h.logLines.join('')).not.toContain(s.fake.botToken);
  });

  it('registers globally when no guild is configured', async () => {
    const s = await started({ guildId: null });
    expect(s.fake.callsTo('PUT', /commands$/).map((c) => c.path)).toEqual([
      `/applications/${s.fake.applicationId}/commands`,
    ]);
    expect(
      s.fake.registeredCommands
        .get('global')
        ?.map((c) => c.name)
        .sort(),
    ).toEqual(
      s.h.app.registry
        .commands()
        .map((c) => c.name)
        .sort(),
    );
  });

  it('the registered JSON matches the registry: every subcommand, typed options, required first, zh-CN', async () => {
    const s = await started();
    const registered = s.fake.registeredCommands.get(G) ?? [];
    const optionType: Record<OptionSpec['kind'], number> = {
      string: 3,
      choice: 3,
      integer: 4,
      user: 6,
      channel: 7,
    };
    expect(registered.map((c) => c.name).sort()).toEqual(
      s.h.app.registry
        .commands()
        .map((c) => c.name)
        .sort(),
    );
    for (const spec of s.h.app.registry.commands()) {
      const json = registered.find((c) => c.name === spec.name) as RegisteredCommand;
      expect(json.description).toBe(en(spec.description));
      expect(json.description_localizations).toEqual({ 'zh-CN': zh(spec.description) });
      // Chinese clients see the Chinese names the console and help accept: /站会 请假.
      const localName = (s: { aliases?: readonly string[] }) => {
        const name = chineseName(s);
        return name ? { 'zh-CN': name } : null;
      };
      expect(json.name_localizations ?? null).toEqual(localName(spec));
      const subs = json.options as {
        name: string;
        type: number;
        description: string;
        description_localizations: Record<string, string>;
        options?: Record<string, unknown>[];
      }[];
      expect(subs.map((o) => o.name)).toEqual(spec.subcommands.map((sub) => sub.name));
      for (const sub of spec.subcommands) {
        const subJson = subs.find((o) => o.name === sub.name);
        expect((subJson as { name_localizations?: unknown }).name_localizations ?? null).toEqual(
          localName(sub),
        );
        expect(subJson).toMatchObject({
          type: 1,
          description: en(sub.description),
          description_localizations: { 'zh-CN': zh(sub.description) },
        });
        const options = subJson?.options ?? [];
        expect(options.map((o) => o.name).sort()).toEqual(Object.keys(sub.options).sort());
        // Discord refuses a required option after an optional one.
        const required = options.map((o) => o.required === true);
        expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
        for (const [name, option] of Object.entries(sub.options)) {
          const o = options.find((x) => x.name === name) as Record<string, unknown>;
          expect(o.type).toBe(optionType[option.kind]);
          expect(o.required ?? false).toBe(option.required);
          expect(o.description_localizations).toEqual({ 'zh-CN': zh(option.label) });
          if (option.kind === 'integer') {
            expect(o.min_value).toBe(option.min);
            expect(o.max_value).toBe(option.max);
          }
          if (option.kind === 'choice') {
            expect(o.choices).toEqual(
              option.choices.map((c) => ({
                name: en(c.label),
                name_localizations: { 'zh-CN': zh(c.label) },
                value: c.value,
              })),
            );
          }
        }
      }
    }
  });
  it('a refused privileged intent (4014) rejects start() with the Developer Portal switches and leaves nothing open', async () => {
    const fake = new FakeDiscord({ privilegedIntents: { messageContent: false } });
    await fake.start();
    const h = createHarness({ fakePlatform: false });
    const adapter = createDiscordAdapter({
      token: fake.botToken,
      apiUrl: fake.apiUrl,
      commands: () => h.app.registry.commands(),
      logger: h.logger,
      readyTimeoutMs: 5_000,
    });
    await expect(adapter.start(h.app.sink, h.app.roster)).rejects.toMatchObject({
      name: 'DiscordStartError',
      message: 'Discord refused the privileged intents Muster needs (close code 4014)',
      hint: expect.stringContaining('turn on SERVER MEMBERS INTENT and MESSAGE CONTENT INTENT'),
    });
    expect(fake.gatewayCloses).toContainEqual({ by: 'fake', code: 4014, reason: 'Disallowed intent(s).' });
    expect(fake.identifies).toHaveLength(1);
    expect(fake.commandPuts).toBe(0);
    await adapter.stop();
    await h.app.close();
    await fake.stop();
  });
});

describe('Discord interactions', () => {
  it('/muster help answers ephemerally in the interaction locale', async () => {
    const s = await started();
    const zhHelp = command(s.fake, 'muster', 'help', [], { locale: 'zh-CN' });
    const zhReply = await s.fake.waitForCallback(zhHelp.id);
    expect(zhReply).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(callbackText(s.fake, zhHelp.id)).toContain('Muster：你在这里可以做什么');

    const enHelp = command(s.fake, 'muster', 'help', [], { locale: 'en-US', userId: ADMIN });
    const enReply = await s.fake.waitForCallback(enHelp.id);
    expect(enReply).toMatchObject({ type: 4, data: { flags: 64 } });
    const text = callbackText(s.fake, enHelp.id);
    expect(text).toContain('**Muster: what you can do here**');
    expect(text.length).toBeLessThanOrEqual(2000);
    // The ledger saw both, by interaction id.
    expect(
      s.h.sql
        .prepare("select event_id from processed_events where platform = 'discord' order by event_id")
        .all(),
    ).toEqual(
      [{ event_id: `interaction:${enHelp.id}` }, { event_id: `interaction:${zhHelp.id}` }].sort((a, b) =>
        a.event_id.localeCompare(b.event_id),
      ),
    );
  });

  it('a form opens as a modal; a bad value is refused, stores nothing, and reopens with what was typed; a good one stores and confirms', async () => {
    const s = await started();
    const view = command(s.fake, 'muster', 'settings', [], { userId: ADMIN, locale: 'en-US' });
    const viewReply = await s.fake.waitForCallback(view.id);
    expect(viewReply.data.flags).toBe(64);
    const [edit] = buttonIds(viewReply.data);
    expect(edit).toBe('a|settings.edit|');

    const click = s.fake.sendButton({
      customId: edit ?? '',
      userId: ADMIN,
      messageId: s.fake.originalResponse(view.id)?.id,
    });
    const modal = await s.fake.waitForCallback(click.id);
    expect(modal.type).toBe(9);
    expect(modal.data.custom_id).toBe(`f|settings.form|discord:${G}:${C}`);
    expect(String(modal.data.title).length).toBeLessThanOrEqual(45);
    expect([...modalInputs(modal.data).keys()]).toEqual(['timezone', 'language', 'workdays', 'hours']);
    expect(modalInputs(modal.data).get('timezone')?.value).toBe('UTC');

    const bad = s.fake.sendModalSubmit({
      customId: String(modal.data.custom_id),
      userId: ADMIN,
      locale: 'en-US',
      components: modalComponents({
        timezone: 'Mars/Base',
        language: ['en'],
        workdays: 'Mon-Fri',
        hours: '09:00-18:00',
      }),
    });
    const refused = await s.fake.waitForCallback(bad.id);
    expect(refused).toMatchObject({ type: 4, data: { flags: 64 } });
    const refusal = String(refused.data.content);
    expect(refusal).toContain(en('discord.formRejected'));
    expect(refusal).toContain('**Timezone**: “Mars/Base” is not a timezone.');
    expect(groupRow(s)).toEqual({ timezone: 'UTC', locale: 'en', work_start: '09:00' });
    const [reopen] = buttonIds(refused.data);
    expect(reopen).toMatch(/^a\|~reopen\|[\w-]+$/);
    expect(reopen?.length).toBeLessThanOrEqual(100);

    const again = s.fake.sendButton({
      customId: reopen ?? '',
      userId: ADMIN,
      messageId: s.fake.originalResponse(bad.id)?.id,
    });
    const reopened = await s.fake.waitForCallback(again.id);
    expect(reopened.type).toBe(9);
    const inputs = modalInputs(reopened.data);
    expect(inputs.get('timezone')?.value).toBe('Mars/Base');
    expect(inputs.get('workdays')?.value).toBe('Mon-Fri');
    expect(inputs.get('language')?.options).toContainEqual(
      expect.objectContaining({ value: 'en', default: true }),
    );

    const good = s.fake.sendModalSubmit({
      customId: String(reopened.data.custom_id),
      userId: ADMIN,
      locale: 'en-US',
      components: modalComponents({
        timezone: 'Asia/Shanghai',
        language: ['zh-CN'],
        workdays: '周一至周五',
        hours: '9:30-18:30',
      }),
    });
    const confirmed = await s.fake.waitForCallback(good.id);
    expect(confirmed).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String(confirmed.data.content)).toContain(`Saved. Settings for <#${C}>:`);
    expect(String(confirmed.data.content)).toContain('Timezone: UTC → **Asia/Shanghai**');
    expect(groupRow(s)).toEqual({ timezone: 'Asia/Shanghai', locale: 'zh-CN', work_start: '09:30' });
  });

  it('in a DM with Muster: commands are answered, filed under the DM workspace, and group commands say so', async () => {
    const s = await started();
    const help = command(s.fake, 'muster', 'help', [], { guildId: null, locale: 'en-US' });
    expect((await s.fake.waitForCallback(help.id)).type).toBe(4);
    expect(callbackText(s.fake, help.id)).toContain(en('help.inDirect'));
    const settings = command(s.fake, 'muster', 'settings', [], { guildId: null, locale: 'en-US' });
    expect((await s.fake.waitForCallback(settings.id)).data.content).toBe(en('error.groupOnly'));
    expect(s.h.sql.prepare('select id from members').all()).toEqual([{ id: `discord:@me:${BOB}` }]);
    expect(s.h.sql.prepare('select count(*) n from groups').get()).toEqual({ n: 0 });
  });

  it('a button Muster did not make is answered, not left to fail', async () => {
    const s = await started();
    const click = s.fake.sendButton({ customId: 'another-bot:vote', userId: BOB });
    const reply = await s.fake.waitForCallback(click.id);
    expect(reply).toMatchObject({ type: 4, data: { flags: 64, content: en('error.staleAction') } });
  });

  it('a member who is not an admin cannot open the settings form', async () => {
    const s = await started();
    const click = s.fake.sendButton({ customId: 'a|settings.edit|', userId: BOB, locale: 'zh-CN' });
    const reply = await s.fake.waitForCallback(click.id);
    expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String(reply.data.content)).toContain(zh('level.admin'));
  });

  it('a slow core is deferred in time (type 5, ephemeral) and the answer edits the deferral', async () => {
    const s = await started({ deferAfterMs: 20, sinkDelayMs: 150 });
    const help = command(s.fake, 'muster', 'help', [], { locale: 'en-US' });
    const deferral = await s.fake.waitForCallback(help.id);
    expect(deferral).toMatchObject({ type: 5, data: { flags: 64 } });
    await s.fake.waitUntil(() => (s.fake.originalResponse(help.id)?.content ?? '') !== '', 2_000, 'the edit');
    expect(s.fake.originalResponse(help.id)?.content).toContain('Muster: what you can do here');
    expect(s.fake.originalResponse(help.id)?.flags ?? 0).toBe(64);
    expect(s.fake.callsTo('PATCH', /^\/webhooks\/.*\/messages\/%40original$/)).toHaveLength(1);
  });

  it('the same interaction delivered twice is handled and answered once', async () => {
    const s = await started();
    const help = command(s.fake, 'muster', 'help');
    s.fake.dispatch('INTERACTION_CREATE', help.payload);
    await s.fake.waitForCallback(help.id);
    await s.fake.waitUntil(() => s.h.logLines.some((l) => l.includes('duplicate delivery ignored')));
    await new Promise((r) => setTimeout(r, 50));
    expect(s.fake.callsTo('POST', new RegExp(`^/interactions/${help.id}/`))).toHaveLength(1);
    expect(
      await counter(s.h, 'muster_events_in_total', { platform: 'discord', type: 'command.invoked' }),
    ).toBe(2);
    expect(await counter(s.h, 'muster_commands_total', { command: '/muster', outcome: 'ok' })).toBe(1);
  });

  it('keeps answering after a gateway RECONNECT (op 7): the session resumes', async () => {
    const s = await started();
    await s.fake.reconnect();
    expect(s.fake.resumes).toBe(1);
    expect(s.fake.identifies).toHaveLength(1);
    const help = command(s.fake, 'muster', 'help');
    expect((await s.fake.waitForCallback(help.id, 5_000)).type).toBe(4);
    expect(s.h.logLines.some((l) => l.includes('discord session resumed'))).toBe(true);
  });
});

describe('Discord files', () => {
  it('an ephemeral reply and a channel post carry their attachments as uploads', async () => {
    const s = await started();
    const exported = command(s.fake, 'rules', 'export', [], { userId: ADMIN, locale: 'en-US' });
    const reply = await s.fake.waitForCallback(exported.id);
    expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String(reply.data.content)).toMatch(/^Rule log exported: \d+ rows\.$/);
    expect(reply.files.map((f) => f.filename)).toEqual([expect.stringMatching(/\.csv$/)]);
    expect(reply.files[0]?.data.toString('utf8').split('\n')[0]).toContain(',');

    const sent = await s.h.app.outbox.send(
      'discord',
      { kind: 'channel', conversation: GROUP },
      {
        text: 'Weekly digest',
        attachments: [{ filename: 'digest.csv', contentType: 'text/csv', text: 'a,b\n1,2\n' }],
      },
    );
    expect(sent.status).toBe('sent');
    const [posted] = s.fake.messages(C).filter((m) => m.content === 'Weekly digest');
    expect(posted?.attachments.map((a) => [a.filename, a.size])).toEqual([['digest.csv', 8]]);
  });
});

describe('Discord digests', () => {
  it('a manager’s weekly digest reaches their DM with the chart attached, every part within 2,000 characters', async () => {
    const s = await started();
    await seen(s, ADMIN);
    const add = addRole(s, ADMIN, 'manager');
    await s.fake.waitForCallback(add.id);
    const now = command(s.fake, 'digest', 'now', [{ name: 'cadence', type: 3, value: 'weekly' }], {
      userId: ADMIN,
      locale: 'en-US',
    });
    const reply = await s.fake.waitForCallback(now.id);
    expect(String(reply.data.content)).toBe(en('digest.sentNow'));
    const digest = () =>
      s.fake.messages(dmChannelOf(s.fake, ADMIN) ?? '-').filter((m) => m.content.includes('Weekly digest'));
    await s.fake.waitUntil(() => digest().length === 1, 2_000, 'the digest DM');
    const [message] = digest();
    expect(message?.content.length).toBeLessThanOrEqual(2000);
    expect(message?.attachments.map((a) => a.filename)).toEqual(['participation.png']);
  });
});

describe('Discord messages and membership', () => {
  /** The gateway delivers in order: once a later message is counted, earlier ones had their turn. */
  const postedSeen = (s: DiscordHarness) =>
    counter(s.h, 'muster_events_in_total', { platform: 'discord', type: 'message.posted' });

  it('a member message reaches the core as message.posted; bots and DMs do not', async () => {
    const s = await started();
    const otherBot = s.fake.addMember({ username: 'otherbot', bot: true });
    const fromBot = s.fake.sendMessage({ content: 'beep', userId: otherBot.userId });
    const dm = s.fake.sendDirectMessage({ content: 'hello muster', userId: BOB });
    const own = await s.h.app.outbox.send(
      'discord',
      { kind: 'channel', conversation: GROUP },
      { text: 'digest' },
    );
    expect(own.status).toBe('sent');
    s.fake.sendMessage({ content: '今天的进展：完成了接口联调', userId: BOB });
    await eventually(async () => (await postedSeen(s)) >= 1, 'bob’s message');
    // Only bob's got through: the other bot's, the DM and Muster's own echo never reached the core.
    expect(await postedSeen(s)).toBe(1);
    expect(
      s.fake.dispatched.filter((e) => e.type === 'MESSAGE_CREATE').map((e) => (e.data as { id: string }).id),
    ).toEqual(expect.arrayContaining([fromBot.id, dm.id]));
    expect(
      s.h.sql
        .prepare('select display_name, is_platform_admin from members where id = ?')
        .get(`discord:${G}:${BOB}`),
    ).toEqual({ display_name: 'Bob', is_platform_admin: 0 });
    expect(s.h.sql.prepare('select count(*) n from members where is_bot = 1').get()).toEqual({ n: 0 });
  });

  it('joins and leaves reach the core, filed under the server’s system channel', async () => {
    const s = await started();
    const carol = s.fake.memberAdd({ username: 'carol' });
    const count = (type: string) => counter(s.h, 'muster_events_in_total', { platform: 'discord', type });
    await eventually(async () => (await count('member.joined')) === 1, 'the join');
    s.fake.memberRemove(carol.userId);
    await eventually(async () => (await count('member.left')) === 1, 'the leave');
    expect(s.h.sql.prepare('select id from members').all()).toEqual([{ id: `discord:${G}:${carol.userId}` }]);
    expect(s.h.sql.prepare('select id from groups').all()).toEqual([{ id: `discord:${G}:${C}` }]);
  });

  it('a thread belongs to its parent group, for messages and for commands', async () => {
    const fake = new FakeDiscord();
    const thread = fake.addChannel({ name: 'standup-thread', type: 11, parentId: C });
    await fake.start();
    const s = await started({ running: fake });
    s.fake.sendMessage({ content: 'in a thread', userId: BOB, channelId: thread.id });
    await eventually(async () => (await postedSeen(s)) === 1, 'the thread message');
    const settings = command(s.fake, 'muster', 'settings', [], { channelId: thread.id });
    const reply = await s.fake.waitForCallback(settings.id);
    expect(String(reply.data.content)).toContain(`<#${C}>`);
    expect(s.h.sql.prepare('select id, name from groups').all()).toEqual([
      { id: `discord:${G}:${C}`, name: 'general' },
    ]);
  });
});

describe('Discord group rules', () => {
  it('messages breaking a rule are deleted over REST, and the third strike times the member out once', async () => {
    const s = await started();
    const add = command(
      s.fake,
      'rules',
      'add',
      [
        { name: 'kind', type: 3, value: 'words' },
        { name: 'text', type: 3, value: '加微信，scam' },
      ],
      { userId: ADMIN, locale: 'zh-CN' },
    );
    await s.fake.waitForCallback(add.id);
    expect(callbackText(s.fake, add.id)).toContain('已添加规则');
    const deleted = () => s.fake.callsTo('DELETE', /^\/channels\/.*\/messages\//);
    const posted = [];
    for (const content of ['需要的 加 微 信 聊', 'total s c a m', '加.微.信 了解一下']) {
      posted.push(s.fake.sendMessage({ content, userId: BOB }));
      await s.fake.waitUntil(() => deleted().length === posted.length, 3_000, 'the delete');
      // Offences further apart than the cool-down (10 minutes): each one strikes.
      s.h.clock.advance(11 * 60_000);
    }
    posted.push(s.fake.sendMessage({ content: '今天的进度：接口联调完成', userId: BOB }));
    await s.fake.waitUntil(
      () => s.fake.callsTo('PATCH', `/guilds/${G}/members/${BOB}`).length === 1,
      3_000,
      'the time-out',
    );
    const deletes = deleted().map((c) => c.path.split('/').pop());
    expect(deletes).toEqual(posted.slice(0, 3).map((m) => m.id));
    const timeout = s.fake.callsTo('PATCH', `/guilds/${G}/members/${BOB}`)[0];
    expect(timeout?.body).toHaveProperty('communication_disabled_until');
    expect(s.fake.message(posted[3]?.id ?? '')).toBeDefined();
    const enforced = () =>
      (
        s.h.sql.prepare("select count(*) n from audit_log where action = 'rules.enforced'").get() as {
          n: number;
        }
      ).n;
    await eventually(async () => enforced() === 3, 'three enforcements in the audit log');
    await new Promise((r) => setTimeout(r, 50));
    expect(s.fake.callsTo('PATCH', `/guilds/${G}/members/${BOB}`)).toHaveLength(1);
  });
});

describe('Discord standups', () => {
  it('the day opens a thread from the prompt post, the prompt reaches the member, and answers land in the thread', async () => {
    const s = await started();
    const on = command(s.fake, 'standup', 'on', [], { userId: ADMIN });
    await s.fake.waitForCallback(on.id);
    s.fake.sendMessage({ content: '早上好', userId: BOB });
    await eventually(
      async () => (s.h.sql.prepare('select count(*) n from members').get() as { n: number }).n >= 2,
      'bob is known',
    );
    // The harness clock starts on Tuesday 2026-12-01 01:00 UTC; the group is on UTC, so 09:30 is 09:30Z.
    s.h.clock.set(new Date('2026-12-01T09:29:00Z'));
    await s.h.app.tick(s.h.clock.now());
    s.h.clock.set(new Date('2026-12-01T09:30:00Z'));
    await s.h.app.tick(s.h.clock.now());
    const parent = s.fake.messages(C).find((m) => m.content.startsWith('**Daily standup ·'));
    expect(parent).toBeDefined();
    // Discord has no ephemeral messages outside an interaction: the prompt is a DM.
    await s.fake.waitUntil(
      () => (dmChannelOf(s.fake, BOB) ? s.fake.messages(dmChannelOf(s.fake, BOB)).length : 0) > 0,
      2_000,
      'the prompt DM',
    );

    const answer = command(
      s.fake,
      'standup',
      'answer',
      [{ name: 'text', type: 3, value: '昨天：写接口；今天：联调；阻碍：无' }],
      {
        userId: BOB,
      },
    );
    await s.fake.waitForCallback(answer.id);
    await s.fake.waitUntil(
      () => s.fake.messages(parent?.id ?? '-').length > 0,
      2_000,
      'the answer in the thread',
    );
    expect(s.fake.callsTo('POST', `/channels/${C}/messages/${parent?.id}/threads`)).toHaveLength(1);
    expect(s.fake.callsTo('POST', `/channels/${C}/messages/${parent?.id}/threads`)[0]?.body).toMatchObject({
      name: expect.stringContaining('Daily standup'),
    });
    expect(s.fake.messages(parent?.id ?? '-')[0]?.content).toContain('写接口');
  });
});

describe('Discord moderation through the Moderator', () => {
  it('deletes, times out and kicks with the right REST calls and audit reasons', async () => {
    const s = await started();
    const message = s.fake.sendMessage({ content: 'buy cheap followers', userId: BOB });
    const ref = { conversation: GROUP, messageId: message.id };
    expect(
      await s.h.app.moderator.apply({ kind: 'delete', message: ref, reason: 'Rule #2: no ads' }),
    ).toEqual({
      status: 'done',
    });
    const deleted = s.fake.callsTo('DELETE', `/channels/${C}/messages/${message.id}`);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.reason).toBe('Rule #2: no ads');
    expect(s.fake.message(message.id)).toBeUndefined();

    const until = new Date(Date.now() + 10 * 60_000);
    expect(
      await s.h.app.moderator.apply({
        kind: 'timeout',
        user: bob,
        conversation: GROUP,
        until,
        reason: 'Rule #3: flood',
      }),
    ).toEqual({ status: 'done' });
    const patched = s.fake.callsTo('PATCH', `/guilds/${G}/members/${BOB}`);
    expect(patched[0]?.body).toEqual({ communication_disabled_until: until.toISOString() });
    expect(s.fake.member(BOB)?.communicationDisabledUntil).toBe(until.toISOString());

    expect(
      await s.h.app.moderator.apply({
        kind: 'remove',
        user: bob,
        conversation: GROUP,
        reason: 'Rule #4: third strike',
      }),
    ).toEqual({ status: 'done' });
    expect(s.fake.callsTo('DELETE', `/guilds/${G}/members/${BOB}`)).toHaveLength(1);
    expect(s.fake.member(BOB)).toBeUndefined();
  });

  it('a missing permission (403 50013) alerts the admins once a day and says missing_permission', async () => {
    const s = await started();
    await seen(s, ADMIN);
    s.fake.channel(C).botDeny = MANAGE_MESSAGES;
    const first = s.fake.sendMessage({ content: 'spam 1', userId: BOB });
    const second = s.fake.sendMessage({ content: 'spam 2', userId: BOB });
    for (const m of [first, second]) {
      const outcome = await s.h.app.moderator.apply({
        kind: 'delete',
        message: { conversation: GROUP, messageId: m.id },
        reason: 'Rule #2: no ads',
      });
      expect(outcome).toEqual({
        status: 'fallback',
        reason: 'missing_permission',
        error: 'missing_permissions',
      });
    }
    expect(s.fake.callsTo('DELETE', /^\/channels\//).map((c) => c.status)).toEqual([403, 403]);
    const dm = dmChannelOf(s.fake, ADMIN);
    const alerts = s.fake.messages(dm).map((m) => m.content);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Manage Messages');
    expect(s.fake.message(first.id)).toBeDefined();
  });
});

describe('Discord DMs', () => {
  it('an ephemeral message outside an interaction becomes a DM; closed DMs (50007) fall back to a mention in the group', async () => {
    const s = await started();
    const open = await s.h.app.outbox.send(
      'discord',
      { kind: 'ephemeral', conversation: GROUP, user: { ...bob, userId: ADMIN } },
      { text: 'just for you' },
    );
    expect(open.status).toBe('sent');
    expect(s.fake.messages(dmChannelOf(s.fake, ADMIN)).map((m) => m.content)).toEqual(['just for you']);

    s.fake.user(BOB).blocksDms = true;
    const closed = await s.h.app.outbox.send(
      'discord',
      { kind: 'ephemeral', conversation: GROUP, user: bob },
      { text: 'your standup is due' },
    );
    expect(closed.status).toBe('sent');
    expect(s.fake.messages(C).map((m) => m.content)).toContain(`<@${BOB}> your standup is due`);
    // A rich message (blocks) still names the person: Discord shows the blocks, not the text.
    await s.h.app.outbox.send(
      'discord',
      { kind: 'ephemeral', conversation: GROUP, user: bob },
      { text: 'Reminder', blocks: [{ type: 'section', text: '*Standup* is due at 10:00' }] },
    );
    expect(s.fake.messages(C).map((m) => m.content)).toContain(`<@${BOB}>\n**Standup** is due at 10:00`);
    const warned = s.h.logLines.find((l) => l.includes('direct message refused'));
    expect(JSON.parse(warned ?? '{}')).toMatchObject({ platform: 'discord', user: BOB });
  });

  it('a role change DMs the member; a member with closed DMs is mentioned in the group instead, and the bot carries on', async () => {
    const s = await started();
    await seen(s, ADMIN);
    const add = addRole(s, BOB, 'pm');
    const reply = await s.fake.waitForCallback(add.id);
    expect(reply.data.flags).toBe(64);
    expect(s.h.sql.prepare('select member_id, role from group_roles').all()).toEqual([
      { member_id: `discord:${G}:${BOB}`, role: 'pm' },
    ]);
    const dms = () => s.fake.messages(dmChannelOf(s.fake, BOB) ?? '-').map((m) => m.content);
    await s.fake.waitUntil(() => dms().length === 1, 2_000, 'the DM to bob');
    expect(dms()[0]).toBe(`<@${ADMIN}> made you **Project manager** in <#${C}>. This role ${en('duty.pm')}.`);

    s.fake.user(BOB).blocksDms = true;
    const again = addRole(s, BOB, 'support');
    await s.fake.waitForCallback(again.id);
    // Closed DMs are the member's choice: the news reaches them as a mention in the group instead.
    const inGroup = () =>
      s.fake.messages(C).filter((m) => m.content.startsWith(`<@${BOB}>`) && m.content.includes('made you'));
    await s.fake.waitUntil(() => inGroup().length === 1, 2_000, 'the mention in the group');
    expect(inGroup()[0]?.content).toContain('**Support**');
    expect(s.h.logLines.some((l) => l.includes('mentioning the person in the group instead'))).toBe(true);
    // Nothing failed, so nothing to alert the admins about.
    expect(
      s.h.sql.prepare("select action from audit_log where action = 'delivery.failed'").all(),
    ).toHaveLength(0);
    expect(dmChannelOf(s.fake, ADMIN)).toBeUndefined();
    const help = command(s.fake, 'muster', 'help');
    expect((await s.fake.waitForCallback(help.id)).type).toBe(4);
  });
});

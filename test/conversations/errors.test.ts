import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineCommand, defineSubcommand } from '../../src/core/commands/define-command.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.app.close();
});

describe('unknown commands', () => {
  it('suggest the closest command or subcommand', async () => {
    expect((await h.run('/rol list')).text).toBe("I don't know the command `/rol`. Did you mean `/role`?");
    expect((await h.run('/muster hlep')).text).toBe('`/muster` has no `hlep`. Did you mean `/muster help`?');
    expect((await h.run('/muster setings')).text).toContain('Did you mean `/muster settings`?');
    expect((await h.run('/muster 帮主', { user: 'zoe', locale: 'zh-CN' })).text).toBe(
      '`/muster` 没有 `帮主` 这个子命令。你是不是想用 `/muster 帮助`？',
    );
    expect((await h.run('/muster 天气', { user: 'zoe', locale: 'zh-CN' })).text).toBe(
      '`/muster` 没有 `天气` 这个子命令。发送 `/muster help` 查看可用命令。',
    );
    expect((await h.run('/weather')).text).toBe(
      "I don't know the command `/weather`. Type `/muster help` to see what you can do.",
    );
  });

  it('do not suggest what the caller may not run', async () => {
    expect((await h.run('/role ad', { user: 'bob' })).text).toBe(
      '`/role` has no `ad`. Type `/muster help` to see what you can do.',
    );
  });
});

describe('retried deliveries', () => {
  it('run once: the same event id twice gives one reply and one change', async () => {
    const event = { type: 'command.invoked' as const, ...h.base({}), command: 'role', text: 'add <@bob> pm' };
    const first = await h.send(event);
    const retry = await h.send({ ...event });
    expect(first.replies).toHaveLength(1);
    expect(retry.replies).toHaveLength(0);
    expect(h.sql.prepare('select count(*) n from group_roles').get()).toEqual({ n: 1 });
    expect(h.sql.prepare('select count(*) n from processed_events').get()).toEqual({ n: 1 });
  });

  it('are remembered for a week, then pruned by the scheduler', async () => {
    await h.run('/muster help');
    h.clock.advance(8 * 24 * 3600 * 1000);
    await h.app.tick();
    expect(h.sql.prepare('select count(*) n from processed_events').get()).toEqual({ n: 0 });
  });
});

describe('unexpected failures', () => {
  it('are logged with a reference the user is given, and do not stop the next command', async () => {
    const h2 = createHarness();
    // A feature that breaks: the dispatcher must contain it.
    const broken = defineCommand({
      name: 'muster',
      description: 'cmd.muster',
      subcommands: [
        defineSubcommand({
          name: 'boom',
          description: 'cmd.muster.help',
          scope: 'anywhere',
          permission: 'member',
          options: {},
          handle: async () => {
            throw new Error('disk on fire');
          },
        }),
      ],
    });
    const { CommandRegistry } = await import('../../src/core/commands/registry.js');
    const { createDispatcher } = await import('../../src/core/commands/dispatcher.js');
    const sink = createDispatcher({
      registry: new CommandRegistry([{ commands: [broken] }]),
      directory: {
        resolve: () => ({
          workspaceId: 'slack:T1',
          groupId: 'slack:T1:C1',
          locale: 'zh-CN',
          timezone: 'UTC',
          level: 'member',
        }),
        levelIn: () => 'member',
        levelInWorkspace: () => 'member',
      },
      ledger: { firstSeen: () => true },
      delivery: h2.app.outbox,
      clock: h2.clock,
      logger: h2.logger,
      metrics: { eventReceived() {}, commandHandled() {}, storageFailed() {}, eventRejected() {} },
    });
    const { RecordingResponder } = await import('../fakes/fake-platform.js');
    const responder = new RecordingResponder();
    await sink.handle(
      { type: 'command.invoked', ...h2.base({}), command: 'muster', text: 'boom' },
      responder,
    );
    const reply = responder.replies[0]?.message.text ?? '';
    const ref = /错误编号：([0-9a-f]{8})/.exec(reply)?.[1];
    expect(reply).toMatch(/^抱歉，系统出了点问题，本次操作没有生效（错误编号：[0-9a-f]{8}）。$/);
    expect(responder.replies[0]?.visibility).toBe('ephemeral');
    const logged = h2.logLines.find((l) => l.includes('disk on fire'));
    expect(logged).toContain(`"ref":"${ref}"`);
    expect(logged).toContain('"command":"muster"');
    await h2.app.close();
  });

  it('a malformed event is logged, never thrown', async () => {
    // Missing actor: an adapter bug must not take the process down.
    const broken = {
      type: 'message.posted',
      eventId: 'x',
      conversation: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
    };
    await expect(
      h.app.sink.handle(broken as never, {
        reply: async () => undefined,
        openForm: async () => {},
        rejectForm: async () => {},
      }),
    ).resolves.toBeUndefined();
    // Refused by the core's shape check before any feature sees it, and counted.
    expect(
      h.logLines.some((l) => l.includes('malformed event refused') && l.includes('an id is missing')),
    ).toBe(true);
    const rejected = await h.app.metrics.registry.getSingleMetric('muster_events_rejected_total')?.get();
    expect(rejected?.values.find((v) => v.labels.reason === 'malformed')?.value).toBe(1);
  });
});

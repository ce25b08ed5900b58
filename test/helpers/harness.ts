import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../src/app/container.js';
import { FixedClock } from '../../src/core/clock.js';
import type { Fetch } from '../../src/core/crm.js';
import type { Locale } from '../../src/core/i18n/locale.js';
import type { Actor, InboundEvent } from '../../src/core/platform/events.js';
import type { ConversationRef } from '../../src/core/platform/ids.js';
import type { Block, OutboundMessage } from '../../src/core/platform/messages.js';
import type { Capabilities } from '../../src/core/platform/platform.js';
import type { CrmEnvironment } from '../../src/features/crm/crm.fields.js';
import { FakePlatform, RecordingResponder } from '../fakes/fake-platform.js';

export const WORKSPACE = 'T1';
/** What the test app seals CRM secrets with (tests of a missing key pass `secretKey: null`). */
export const TEST_SECRET_KEY = 'muster-test-secret-key-do-not-use-0123456789';
export const START = new Date('2026-12-01T01:00:00Z');

/** Every line a message would show: text, block texts, fields and button labels. */
export function textOf(message: OutboundMessage): string {
  const parts = [message.text];
  for (const block of message.blocks ?? ([] as Block[])) {
    if (block.type === 'fields') parts.push(...block.fields.map((f) => `${f.label}: ${f.value}`));
    else if (block.type === 'buttons') parts.push(...block.buttons.map((b) => `[${b.label}]`));
    else if (block.type !== 'divider') parts.push(block.text);
  }
  return parts.join('\n');
}

export interface Who {
  user?: string;
  admin?: boolean;
  channel?: string;
  direct?: boolean;
  locale?: Locale;
}

/** The app over :memory: with a fixed clock, a recording platform and captured logs. */
export function createHarness(
  options: {
    dbPath?: string;
    defaultLocale?: Locale;
    fakePlatform?: boolean;
    capabilities?: Partial<Capabilities>;
    secretKey?: string | null;
    crm?: CrmEnvironment;
    fetch?: Fetch;
  } = {},
) {
  const clock = new FixedClock(START);
  const logLines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const app = createApp({
    config: {
      dbPath: options.dbPath ?? ':memory:',
      defaultLocale: options.defaultLocale ?? 'en',
      defaultTimezone: 'UTC',
      secretKey: options.secretKey === null ? undefined : (options.secretKey ?? TEST_SECRET_KEY),
      crm: options.crm ?? {},
    },
    clock,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const platform = new FakePlatform('slack', options.capabilities);
  if (options.fakePlatform !== false) app.attach(platform);
  let n = 0;

  function base(who: Who) {
    const user = who.user ?? 'alice';
    const conversation: ConversationRef = {
      platform: 'slack',
      workspaceId: WORKSPACE,
      channelId: who.direct ? `D-${user}` : (who.channel ?? 'C1'),
    };
    const actor: Actor = {
      user: { platform: 'slack', workspaceId: WORKSPACE, userId: user },
      displayName: user,
      isPlatformAdmin: who.admin ?? user === 'alice',
      isBot: false,
      ...(who.locale ? { platformLocale: who.locale } : {}),
    };
    return { eventId: `ev-${++n}`, actor, conversation, isDirect: who.direct ?? false };
  }

  async function send(event: InboundEvent): Promise<RecordingResponder> {
    const responder = new RecordingResponder();
    await app.sink.handle(event, responder);
    return responder;
  }

  /** Runs `/command text` and returns the replies' text joined. */
  async function run(line: string, who: Who = {}) {
    const [, command = '', text = ''] = /^\/(\S+)\s*([\s\S]*)$/u.exec(line) ?? [];
    const responder = await send({ type: 'command.invoked', ...base(who), command, text });
    return { responder, text: responder.replies.map((r) => textOf(r.message)).join('\n---\n') };
  }

  /** Posts a plain message in a channel, as the platform would deliver it. */
  async function post(text: string, who: Who = {}) {
    const b = base(who);
    return send({
      type: 'message.posted',
      ...b,
      message: { conversation: b.conversation, messageId: `m-${b.eventId}` },
      text,
    });
  }

  /**
   * Presses a button the way a platform delivers the click: on a message in the conversation
   * (`inView` for a button in a form or on the Home page, which carries no message).
   */
  async function click(actionId: string, value: string, who: Who & { inView?: boolean } = {}) {
    const b = base(who);
    const message = who.inView
      ? {}
      : { message: { conversation: b.conversation, messageId: `m-${b.eventId}` } };
    const responder = await send({ type: 'action.clicked', ...b, ...message, actionId, value });
    return { responder, text: responder.replies.map((r) => textOf(r.message)).join('\n---\n') };
  }

  /** Moves the clock to an instant and runs what the minute tick would run then. */
  async function at(iso: string) {
    clock.set(new Date(iso));
    await app.tick(clock.now());
  }

  /** What Muster sent this person by DM. */
  function dmsTo(user: string) {
    return platform.sent.filter((s) => s.target.kind === 'dm' && s.target.user.userId === user);
  }

  return {
    app,
    clock,
    platform,
    logger,
    logLines,
    base,
    send,
    run,
    post,
    click,
    at,
    dmsTo,
    sql: app.db.sqlite,
  };
}

export type Harness = ReturnType<typeof createHarness>;

/** A snapshot of every row in the tables a command may touch, for "nothing changed" checks. */
export function snapshot(h: Harness, only?: readonly string[]): string {
  const tables = only ?? [
    'workspaces',
    'groups',
    'members',
    'group_roles',
    'audit_log',
    'outbox',
    'rules',
    'rule_exemptions',
    'rule_settings',
    'strikes',
    'group_members',
    'prunes',
  ];
  return JSON.stringify(tables.map((t) => h.sql.prepare(`select * from ${t} order by rowid`).all()));
}

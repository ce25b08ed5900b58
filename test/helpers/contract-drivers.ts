import type { OptionSpec } from '../../src/core/commands/options.js';
import type { ConversationRef, MessageRef, PlatformName, UserRef } from '../../src/core/platform/ids.js';
import type { ChatPlatform } from '../../src/core/platform/platform.js';
import { DISCORD_IDS, FakeDiscord } from '../fakes/fake-discord.js';
import { buttonClick, eventCallback, viewSubmission } from '../fixtures/slack-payloads.js';
import {
  buttonIds,
  counter,
  type DiscordHarness,
  command as discordCommand,
  dmChannelOf,
  modalComponents,
  modalInputs,
  startDiscord,
} from './discord-harness.js';
import type { Harness } from './harness.js';
import { formBody, postToBolt, type SlackHarness, startSlack } from './slack-harness.js';

/** The people every platform's world has: an admin, a member, and a member whose client speaks Chinese. */
export type Who = 'admin' | 'bob' | 'zh';
/** A command argument: words and numbers as typed, people by who they are. */
export type Arg = string | number | { user: Who };

export interface Reply {
  text: string;
  /** Only the person who asked sees it. */
  callerOnly: boolean;
  /** Muster action ids of the buttons on it. */
  actions: string[];
  /** Whatever the platform needs to click a button on it. */
  ref: unknown;
}

export interface OpenedForm {
  formId: string;
  fields: { id: string; select: boolean }[];
  ref: unknown;
}

export type FormOutcome = { saved: boolean; text: string };

/**
 * One platform, driven the way its users drive it, over its real SDK and its fake. The contract
 * suite writes each scenario once against this.
 */
export interface PlatformDriver {
  readonly name: PlatformName;
  readonly h: Harness;
  readonly platform: ChatPlatform;
  /** The group channel every scenario happens in. */
  readonly group: ConversationRef;
  user(who: Who): UserRef;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `/command sub args…` as someone; resolves with the answer they see. */
  sendCommand(who: Who, command: string, sub: string, args?: Record<string, Arg>): Promise<Reply>;
  /** Clicks a button on a reply; resolves with the form it opened, or the answer. */
  clickButton(who: Who, on: Reply, actionId: string): Promise<{ form?: OpenedForm; reply?: Reply }>;
  submitForm(who: Who, form: OpenedForm, values: Record<string, string>): Promise<FormOutcome>;
  /** A member says something in the group; resolves once Muster has seen it. */
  postMessage(who: Who, text: string): Promise<MessageRef>;
  /** What only this person was sent outside interaction replies: DMs, and ephemeral posts where the platform has them. */
  privately(who: Who): string[];
  /** What Muster posted for everyone in the group. */
  publicly(): string[];
  /** Whether a member's message is still there. */
  exists(message: MessageRef): boolean;
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 3_000,
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every `text` string in a Slack payload (block texts, field texts, button labels), in order. */
function slackText(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(slackText);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'text' && typeof v === 'string' ? [v] : slackText(v),
  );
}

function slackActions(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (o.type === 'button' && typeof o.action_id === 'string') found.push(o.action_id.split('~')[0] ?? '');
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

/** How many member messages reached the core (the ledger remembers plain messages in batches). */
function postedSeen(h: Harness, platform: PlatformName): Promise<number> {
  return counter(h, 'muster_events_in_total', { platform, type: 'message.posted' });
}

/** The option kind a subcommand declares, so typed platforms send the right type. */
function optionKind(h: Harness, command: string, sub: string, name: string): OptionSpec['kind'] {
  const spec = h.app.registry.command(command)?.subcommands.find((s) => s.name === sub)?.options[name];
  if (!spec) throw new Error(`/${command} ${sub} has no option ${name}`);
  return spec.kind;
}

/** Slack over signed HTTP, without SLACK_ADMIN_USER_TOKEN. */
export function slackDriver(): PlatformDriver {
  const ids: Record<Who, string> = { admin: 'UADMIN', bob: 'UBOB', zh: 'UZH' };
  const group: ConversationRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
  let s: SlackHarness | undefined;
  let n = 0;
  const need = (): SlackHarness => {
    if (!s) throw new Error('slack driver not started');
    return s;
  };

  async function respondedTo(id: string): Promise<Record<string, unknown>> {
    const { fake } = need();
    await waitFor(() => fake.responses.some((r) => r.id === id), `response_url ${id}`);
    return fake.responses.find((r) => r.id === id)?.body ?? {};
  }

  function replyOf(body: Record<string, unknown>): Reply {
    return {
      text: [String(body.text ?? ''), ...slackText(body.blocks)].join('\n'),
      callerOnly: body.response_type === 'ephemeral',
      actions: slackActions(body.blocks),
      ref: body,
    };
  }

  return {
    name: 'slack',
    group,
    get h() {
      return need().h;
    },
    get platform() {
      return need().adapter.platform;
    },
    user: (who) => ({ platform: 'slack', workspaceId: 'T1', userId: ids[who] }),
    async start() {
      s = await startSlack('http');
    },
    async stop() {
      await s?.stop();
    },
    async sendCommand(who, command, sub, args = {}) {
      const { fake, port } = need();
      const words = Object.values(args).map((a) =>
        typeof a === 'object' ? `<@${ids[a.user]}|${a.user}>` : String(a),
      );
      const responseId = `cmd-${++n}`;
      const res = await postToBolt(
        port,
        formBody({
          token: 'verification-token',
          team_id: 'T1',
          team_domain: 'acme',
          channel_id: 'C1',
          channel_name: 'customer-acme',
          user_id: ids[who],
          user_name: who,
          command: `/${command}`,
          text: [sub, ...words].join(' '),
          api_app_id: 'A1',
          response_url: fake.responseUrl(responseId),
          trigger_id: fake.trigger(),
        }),
        'application/x-www-form-urlencoded',
      );
      if (res.status !== 200) throw new Error(`Bolt answered ${res.status}`);
      return replyOf(await respondedTo(responseId));
    },
    async clickButton(who, _on, actionId) {
      const { fake, port } = need();
      const opened = fake.callsTo('views.open').length;
      const responseId = `click-${++n}`;
      const click = buttonClick({
        user: ids[who],
        actionId,
        value: '',
        triggerId: fake.trigger(),
        responseUrl: fake.responseUrl(responseId),
      });
      await postToBolt(
        port,
        formBody({ payload: JSON.stringify(click) }),
        'application/x-www-form-urlencoded',
      );
      await waitFor(
        () => fake.callsTo('views.open').length > opened || fake.responses.some((r) => r.id === responseId),
        'a modal or an answer',
      );
      const view = fake.callsTo('views.open')[opened]?.body.view as
        | {
            callback_id: string;
            private_metadata: string;
            blocks: { block_id: string; element?: { type: string } }[];
          }
        | undefined;
      if (!view) return { reply: replyOf(await respondedTo(responseId)) };
      return {
        form: {
          formId: view.callback_id,
          fields: view.blocks.map((b) => ({ id: b.block_id, select: b.element?.type === 'static_select' })),
          ref: view,
        },
      };
    },
    async submitForm(who, form, values) {
      const { fake, port } = need();
      const view = form.ref as { callback_id: string; private_metadata: string };
      const before = fake.callsTo('chat.postEphemeral').length;
      const submission = viewSubmission({
        user: ids[who],
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        triggerId: fake.trigger(),
        values: Object.fromEntries(
          form.fields.map((f) => [
            f.id,
            f.select
              ? { type: 'static_select', selected: values[f.id] ?? '' }
              : { type: 'plain_text_input', value: values[f.id] ?? '' },
          ]),
        ),
      });
      const ack = await postToBolt(
        port,
        formBody({ payload: JSON.stringify(submission) }),
        'application/x-www-form-urlencoded',
      );
      if (ack.text) {
        const body = JSON.parse(ack.text) as { response_action?: string; errors?: Record<string, string> };
        if (body.response_action === 'errors')
          return { saved: false, text: Object.values(body.errors ?? {}).join('\n') };
      }
      await waitFor(() => fake.callsTo('chat.postEphemeral').length > before, 'the confirmation');
      return { saved: true, text: String(fake.callsTo('chat.postEphemeral')[before]?.body.text ?? '') };
    },
    async postMessage(who, text) {
      const { port, h } = need();
      const ts = `1700000100.${String(++n).padStart(6, '0')}`;
      const eventId = `Ev-contract-${n}`;
      const body = JSON.stringify(
        eventCallback(
          { type: 'message', channel: 'C1', channel_type: 'channel', user: ids[who], text, ts },
          eventId,
        ),
      );
      const before = await postedSeen(h, 'slack');
      await postToBolt(port, body, 'application/json');
      await waitFor(async () => (await postedSeen(h, 'slack')) > before, 'the message to reach the core');
      return { conversation: group, messageId: ts };
    },
    privately(who) {
      const { fake } = need();
      const id = ids[who];
      return [
        ...fake.callsTo('chat.postMessage').filter((c) => c.body.channel === `D${id}`),
        ...fake.callsTo('chat.postEphemeral').filter((c) => c.body.user === id),
      ].map((c) => String(c.body.text ?? ''));
    },
    publicly() {
      return need()
        .fake.callsTo('chat.postMessage')
        .filter((c) => c.body.channel === 'C1')
        .map((c) => String(c.body.text ?? ''));
    },
    exists(message) {
      return !need()
        .fake.callsTo('chat.delete')
        .some((c) => c.body.ts === message.messageId);
    },
  };
}

/** Discord over the gateway and REST, with a member whose client is set to Chinese. */
export function discordDriver(): PlatformDriver {
  const ZH = '1500000000000000009';
  const ids: Record<Who, string> = { admin: DISCORD_IDS.admin, bob: DISCORD_IDS.member, zh: ZH };
  const locales: Record<Who, string> = { admin: 'en-US', bob: 'en-US', zh: 'zh-CN' };
  const group: ConversationRef = {
    platform: 'discord',
    workspaceId: DISCORD_IDS.guild,
    channelId: DISCORD_IDS.channel,
  };
  let d: DiscordHarness | undefined;
  const need = (): DiscordHarness => {
    if (!d) throw new Error('discord driver not started');
    return d;
  };
  const OPTION_TYPE: Record<OptionSpec['kind'], number> = {
    string: 3,
    choice: 3,
    integer: 4,
    user: 6,
    channel: 7,
  };

  async function answerTo(interactionId: string): Promise<Reply | OpenedForm> {
    const { fake } = need();
    const callback = await fake.waitForCallback(interactionId);
    if (callback.type === 9) {
      return {
        formId: String(callback.data.custom_id).split('|')[1] ?? '',
        fields: [...modalInputs(callback.data)].map(([id, input]) => ({ id, select: input.type === 3 })),
        ref: callback.data,
      };
    }
    const message = fake.originalResponse(interactionId);
    return {
      text: String(message?.content ?? callback.data.content ?? ''),
      callerOnly: ((message?.flags ?? Number(callback.data.flags ?? 0)) & 64) !== 0,
      actions: buttonIds(message ?? callback.data).map((id) => id.split('|')[1] ?? ''),
      ref: { interactionId, messageId: message?.id, customIds: buttonIds(message ?? callback.data) },
    };
  }

  const isForm = (answer: Reply | OpenedForm): answer is OpenedForm => 'formId' in answer;

  return {
    name: 'discord',
    group,
    get h() {
      return need().h;
    },
    get platform() {
      return need().adapter.platform;
    },
    user: (who) => ({ platform: 'discord', workspaceId: DISCORD_IDS.guild, userId: ids[who] }),
    async start() {
      const fake = new FakeDiscord();
      fake.addMember({ id: ZH, username: 'xiaowang', locale: 'zh-CN' });
      await fake.start();
      d = await startDiscord({ running: fake });
    },
    async stop() {
      await d?.stop();
    },
    async sendCommand(who, command, sub, args = {}) {
      const { fake, h } = need();
      const options = Object.entries(args).map(([name, value]) => ({
        name,
        type: OPTION_TYPE[optionKind(h, command, sub, name)],
        value: typeof value === 'object' ? ids[value.user] : value,
      }));
      const sent = discordCommand(fake, command, sub, options, { userId: ids[who], locale: locales[who] });
      const answer = await answerTo(sent.id);
      if (isForm(answer)) throw new Error(`/${command} ${sub} opened a form`);
      return answer;
    },
    async clickButton(who, on, actionId) {
      const { fake } = need();
      const ref = on.ref as { messageId?: string; customIds: string[] };
      const customId = ref.customIds.find((id) => id.split('|')[1] === actionId);
      if (!customId) throw new Error(`no ${actionId} button on the reply`);
      const click = fake.sendButton({
        customId,
        userId: ids[who],
        locale: locales[who],
        messageId: ref.messageId,
      });
      const answer = await answerTo(click.id);
      return isForm(answer) ? { form: answer } : { reply: answer };
    },
    async submitForm(who, form, values) {
      const { fake } = need();
      const data = form.ref as { custom_id: string };
      const sent = fake.sendModalSubmit({
        customId: data.custom_id,
        userId: ids[who],
        locale: locales[who],
        components: modalComponents(
          Object.fromEntries(
            form.fields.map((f) => [f.id, f.select ? [values[f.id] ?? ''] : (values[f.id] ?? '')]),
          ),
        ),
      });
      const answer = await answerTo(sent.id);
      if (isForm(answer)) throw new Error('a submission opened another form');
      // Discord closes a modal on submit: a refusal is a reply with the button that reopens it.
      return { saved: !answer.actions.includes('~reopen'), text: answer.text };
    },
    async postMessage(who, text) {
      const { fake, h } = need();
      const before = await postedSeen(h, 'discord');
      const message = fake.sendMessage({ content: text, userId: ids[who] });
      await waitFor(async () => (await postedSeen(h, 'discord')) > before, 'the message to reach the core');
      return { conversation: group, messageId: message.id };
    },
    privately(who) {
      const { fake } = need();
      const dm = dmChannelOf(fake, ids[who]);
      return dm ? fake.messages(dm).map((m) => m.content) : [];
    },
    publicly() {
      return need()
        .fake.messages(DISCORD_IDS.channel)
        .filter((m) => m.author.id === DISCORD_IDS.bot && ((m.flags ?? 0) & 64) === 0)
        .map((m) => m.content);
    },
    exists(message) {
      return need().fake.message(message.messageId) !== undefined;
    },
  };
}

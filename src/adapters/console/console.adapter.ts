import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { type Translator, translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import type { Actor, InboundEvent } from '../../core/platform/events.js';
import type { ConversationRef, MessageRef, UserRef } from '../../core/platform/ids.js';
import { attachmentBytes, type Button, type FormField, type FormSpec } from '../../core/platform/messages.js';
import type {
  Capabilities,
  ChatPlatform,
  DeliveryTarget,
  EventSink,
  Responder,
} from '../../core/platform/platform.js';
import type { RosterMember, RosterSink } from '../../core/platform/roster.js';
import type { ConsoleClock } from './console-clock.js';
import { consoleId, consoleName, nearName, scanMentions } from './console-names.js';
import { fieldPrompt, renderMessage, selectValue, threadTitle } from './render.js';
import { parseMeta } from './script.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** A person at a terminal (prompts shown) rather than a script (input lines echoed). */
  interactive: boolean;
  clock: ConsoleClock;
  locale: Locale;
  timezone: string;
  /** Called after `:at`/`:advance`, so scheduled work due at the new time runs. */
  onTimeMoved(now: Date): Promise<void>;
  /** Where files Muster sends (exports, charts) are saved, since a terminal cannot show them. */
  filesDir: string;
  /** Where the logs go instead of the terminal, named once in the banner; none when they are on stderr. */
  logFile?: string | undefined;
  /** People and channels Muster already knows from earlier sessions on the same database, by name. */
  knownPeople?: readonly string[];
  knownChannels?: readonly string[];
}

export const CONSOLE_WORKSPACE = 'local';
/** The console's workspace owner: an admin, like a Slack workspace owner. */
export const CONSOLE_OWNER = 'alice';

const CAPABILITIES: Capabilities = {
  ephemeral: true,
  forms: true,
  buttons: true,
  threads: true,
  deleteOthersMessages: true,
  timeoutMember: true,
  removeMember: true,
  banMember: true,
  maxMessageLength: 100_000,
  files: true,
};

interface FormSession {
  form: FormSpec;
  /** The form's prompts in its reader's language. */
  t: Translator;
  conversation: ConversationRef;
  isDirect: boolean;
  actor: Actor;
  values: Record<string, string>;
  queue: FormField[];
}

/**
 * The local, embedded platform: a terminal (or a script on stdin) that is a whole workspace.
 * Mentions typed as `@bob`, `@张伟` or `@"王 小明"` and `#sales` are rewritten to the canonical
 * `<@id>` / `<#sales>`; people are shown by name (see console-names.ts for their ids).
 */
export function createConsoleAdapter(options: ConsoleOptions) {
  const { output, clock } = options;
  const t: Translator = translator(options.locale);
  const session = randomBytes(3).toString('hex');
  let counter = 0;
  const nextId = () => `${session}-${++counter}`;

  const admins = new Set([CONSOLE_OWNER]);
  const channels = new Set(['general', ...(options.knownChannels ?? [])]);
  let user = CONSOLE_OWNER;
  let channel = 'general';
  let direct = false;
  let lastButtons:
    | { buttons: Button[]; conversation: ConversationRef; isDirect: boolean; message: MessageRef }
    | undefined;
  let form: FormSession | undefined;

  /** Everyone the console has heard of, by name: a mention of anyone else introduces them, or is a typo. */
  const known = new Set([CONSOLE_OWNER, ...(options.knownPeople ?? [])]);
  const userRef = (name: string): UserRef => {
    known.add(name);
    return { platform: 'console', workspaceId: CONSOLE_WORKSPACE, userId: consoleId(name) };
  };
  const dmChannel = (name: string) => `dm-${consoleId(name)}`;
  const channelRef = (name: string): ConversationRef => ({
    platform: 'console',
    workspaceId: CONSOLE_WORKSPACE,
    channelId: consoleId(name),
  });
  const conversationRef = (): ConversationRef => ({
    platform: 'console',
    workspaceId: CONSOLE_WORKSPACE,
    channelId: direct ? dmChannel(user) : consoleId(channel),
  });
  const actor = (): Actor => ({
    user: userRef(user),
    displayName: user,
    isPlatformAdmin: admins.has(user),
    isBot: false,
  });
  const write = (line: string) => output.write(`${line}\n`);
  /** Who has been put in which channel (`channel\0name`), so a move announces a join only once. */
  const members = new Set<string>();
  let roster: RosterSink | undefined;
  const member = (name: string, where: string): RosterMember => {
    members.add(`${where}\u0000${name}`);
    return {
      user: userRef(name),
      displayName: name,
      isBot: false,
      isDeactivated: false,
      isPlatformAdmin: admins.has(name),
    };
  };
  const where = () => (direct ? t('console.whereDm', { user }) : `#${channel}`);

  /** A thread is named by the start of the message it hangs from, since its id means nothing to a person. */
  const threadTitles = new Map<string, string>();

  function placeLabel(target: DeliveryTarget): string {
    switch (target.kind) {
      case 'channel': {
        const place = target.conversation.channelId.startsWith('dm-')
          ? t('console.whereDm', { user: consoleName(target.conversation.channelId.slice(3)) })
          : `#${consoleName(target.conversation.channelId)}`;
        if (!target.threadId) return place;
        const title = threadTitles.get(target.threadId);
        return `${place} › ${title ? t('console.thread', { title }) : t('console.threadUntitled')}`;
      }
      case 'dm':
        return t('console.whereDm', { user: consoleName(target.user.userId) });
      case 'ephemeral':
        return t('console.onlyYou', {
          place: `#${consoleName(target.conversation.channelId)}`,
          user: consoleName(target.user.userId),
        });
    }
  }

  const platform: ChatPlatform = {
    name: 'console',
    capabilities: CAPABILITIES,
    async send(target, message) {
      const conversation: ConversationRef =
        target.kind === 'dm'
          ? { platform: 'console', workspaceId: CONSOLE_WORKSPACE, channelId: `dm-${target.user.userId}` }
          : target.conversation;
      const ref: MessageRef = { conversation, messageId: `m${++counter}` };
      const { lines, buttons } = renderMessage(message);
      const [first = '', ...more] = lines;
      write(`[${placeLabel(target)}] Muster: ${first}`);
      threadTitles.set(ref.messageId, threadTitle(first));
      for (const line of more) write(`  ${line}`);
      for (const attachment of message.attachments ?? []) {
        mkdirSync(options.filesDir, { recursive: true });
        const path = join(options.filesDir, basename(attachment.filename));
        writeFileSync(path, attachmentBytes(attachment));
        write(`  ${t('console.fileSaved', { name: attachment.filename, path })}`);
      }
      if (buttons.length) {
        lastButtons = {
          buttons,
          conversation,
          isDirect: target.kind === 'dm' || conversation.channelId.startsWith('dm-'),
          message: ref,
        };
        write(`  ${t('console.clickHint')}`);
      }
      return ref;
    },
    async moderate(action) {
      // The console has no real members to act on; it shows what a platform would have done.
      const user = action.kind === 'delete' ? '' : consoleName(action.user.userId);
      const place = consoleName(
        action.kind === 'delete' ? action.message.conversation.channelId : action.conversation.channelId,
      );
      const line =
        action.kind === 'timeout'
          ? t('console.moderated.timeout', { user, until: clockTime(action.until), reason: action.reason })
          : t(`console.moderated.${action.kind}`, { user, place: `#${place}`, reason: action.reason });
      write(`[#${place}] ${line}`);
    },
  };

  function responderFor(conversation: ConversationRef, isDirect: boolean, who: Actor): Responder {
    return {
      reply: (message, visibility) =>
        platform.send(
          visibility === 'channel' || isDirect
            ? { kind: 'channel', conversation }
            : { kind: 'ephemeral', conversation, user: who.user },
          message,
        ),
      async openForm(spec) {
        const formT = spec.locale ? translator(spec.locale) : t;
        write(`┌ ${formT('console.formOpened', { title: spec.title })}`);
        form = {
          form: spec,
          t: formT,
          conversation,
          isDirect,
          actor: who,
          values: {},
          queue: [...spec.fields],
        };
        ask();
      },
      async rejectForm(errors) {
        if (!form) return;
        for (const [field, message] of Object.entries(errors))
          write(`│ ✗ ${form.t('console.fieldError', { field: fieldLabel(form.form, field), message })}`);
        form.queue = form.form.fields.filter((f) => errors[f.id] !== undefined);
        ask();
      },
    };
  }

  const fieldLabel = (spec: FormSpec, id: string) => spec.fields.find((f) => f.id === id)?.label ?? id;

  function base(): Pick<InboundEvent, 'eventId' | 'actor' | 'conversation' | 'isDirect' | 'channelName'> {
    return {
      eventId: nextId(),
      actor: actor(),
      conversation: conversationRef(),
      isDirect: direct,
      channelName: direct ? undefined : channel,
    };
  }

  /**
   * `@bob` → `<@bob>`, `#sales` → `<#sales>` for channels this console knows. Someone new is put in
   * the current channel, and the console says so. Undefined when a mention is more likely a slip
   * (a typo of someone known, half of a spaced Chinese name): that is said instead of sending the line.
   */
  function canonicalMentions(text: string): string | undefined {
    const scan = scanMentions(text, [...known]);
    const unknown = scan.names.filter((n) => !known.has(n));
    for (const name of unknown) {
      // `@王 小明` unquoted, or `@bbo` beside a known bob: probably not someone new.
      const rest = scan.runOn.get(name);
      const near = nearName(name, [...known]);
      if (rest) write(t('console.quoteHint', { name, rest, channel: `#${channel}` }));
      else if (near) write(t('console.typoPerson', { name, near, channel: `#${channel}` }));
      if (rest || near) return undefined;
    }
    for (const name of unknown) introduce(name);
    return scan.text.replace(
      /(^|[^\p{L}\p{N}_&<])[#＃]([\p{L}\p{N}_.-]+)/gu,
      (m, pre: string, name: string) => (channels.has(name) ? `${pre}<#${consoleId(name)}>` : m),
    );
  }

  /** Someone new is put in the channel the way `:in` does it, so Muster has their name, not only their id. */
  function introduce(name: string): void {
    roster?.listed(channelRef(channel), [member(name, channel)], clock.now());
    write(t('console.newPerson', { name, channel: `#${channel}` }));
  }

  /** A time as the console's clock and zone show it. */
  const clockTime = (at: Date) =>
    t('console.clock', {
      time: DateTime.fromJSDate(at)
        .setZone(options.timezone)
        .setLocale(options.locale)
        .toFormat('ccc yyyy-LL-dd HH:mm'),
      zone: options.timezone,
    });

  function ask(): void {
    const field = form?.queue[0];
    if (form && field) write(`│ ${fieldPrompt(field, form.t)}`);
  }

  /** Cancelling a form: `:cancel` or `:取消`, with either colon. */
  const isCancel = (line: string) => /^[:：]\s*(cancel|取消)$/iu.test(line.trim());

  async function answerForm(line: string, sink: EventSink): Promise<void> {
    const current = form;
    if (!current) return;
    const ft = current.t;
    if (isCancel(line)) {
      write(`└ ${ft('console.formCancelled')}`);
      form = undefined;
      return;
    }
    const field = current.queue[0];
    if (!field) return;
    // A command or a console control typed while a form waits is not an answer; say how to leave.
    if (/^[/／:：]/u.test(line.trim())) {
      write(`│ ✗ ${ft('console.formStillOpen', { title: current.form.title, field: field.label })}`);
      return ask();
    }
    let value = line.trim() === '' ? (field.initial ?? '') : line.trim();
    if (field.kind === 'select' && value) {
      const chosen = selectValue(field, value);
      if (!chosen) {
        write(`│ ✗ ${ft('console.pickOne')}`);
        return ask();
      }
      value = chosen;
    }
    if (field.required && !value) {
      write(`│ ✗ ${ft('console.required')}`);
      return ask();
    }
    current.values[field.id] = value;
    current.queue.shift();
    if (current.queue.length) return ask();
    write(`└ ${ft('console.formSubmitted')}`);
    const event: InboundEvent = {
      type: 'form.submitted',
      eventId: nextId(),
      actor: current.actor,
      conversation: current.conversation,
      isDirect: current.isDirect,
      formId: current.form.formId,
      context: current.form.context,
      values: current.values,
    };
    await sink.handle(event, responderFor(current.conversation, current.isDirect, current.actor));
    // A rejected form asked again already; a submitted one (unless a new form replaced it) is over.
    if (form === current && !current.queue.length) form = undefined;
  }

  async function moveTime(now: Date): Promise<void> {
    clock.set(now);
    write(`🕒 ${clockTime(now)}`);
    await options.onTimeMoved(now);
  }

  let arrived = false;
  /**
   * The owner joins the first channel with the first thing done there, not at start-up: a script
   * that begins by setting the clock (`:at`) should not have them join at the computer's time.
   */
  function arrive(): void {
    if (arrived) return;
    arrived = true;
    roster?.listed(conversationRef(), [member(user, channel)], clock.now());
  }

  /** Handles one line; returns false when the session should end. */
  async function handleLine(raw: string, sink: EventSink): Promise<boolean> {
    const line = raw.replace(/\r$/, '');
    if (form) {
      if (!options.interactive) write(`│ > ${line}`);
      await answerForm(line, sink);
      return true;
    }
    if (!options.interactive && line.trim()) write(`${user}@${where()}> ${line}`);
    const text = line.trim();
    if (!text) return true;
    if (!/^[:：]\s*(at|advance)\b/iu.test(text)) arrive();
    if (text.startsWith(':') || text.startsWith('：')) return meta(text, sink);
    if (text.startsWith('/') || text.startsWith('／')) {
      const [, command = '', rest = ''] = /^[/／](\S+)\s*([\s\S]*)$/u.exec(text) ?? [];
      const canonical = canonicalMentions(rest);
      if (canonical === undefined) return true;
      const event: InboundEvent = { type: 'command.invoked', ...base(), command, text: canonical };
      await sink.handle(event, responderFor(event.conversation, event.isDirect, event.actor));
      return true;
    }
    const canonical = canonicalMentions(text);
    if (canonical === undefined) return true;
    const b = base();
    const event: InboundEvent = {
      type: 'message.posted',
      ...b,
      message: { conversation: b.conversation, messageId: b.eventId },
      text: canonical,
    };
    await sink.handle(event, responderFor(event.conversation, event.isDirect, event.actor));
    return true;
  }

  async function meta(text: string, sink: EventSink): Promise<boolean> {
    const command = parseMeta(text);
    switch (command.kind) {
      case 'as':
        user = command.user;
        known.add(user);
        write(
          t('console.nowAs', { user, where: where(), admin: admins.has(user) ? t('console.adminTag') : '' }),
        );
        return true;
      case 'admin':
        known.add(command.user);
        admins.add(command.user);
        write(t('console.madeAdmin', { user: command.user }));
        return true;
      case 'in': {
        const place = channelRef(command.channel);
        channels.add(command.channel);
        if (command.people.length) {
          // Put in a channel, they are its members from now on, whether or not they ever speak.
          roster?.listed(
            place,
            command.people.map((name) => member(name, command.channel)),
            clock.now(),
          );
          write(
            t('console.putIn', {
              people: command.people.join(t('list.separator')),
              where: `#${command.channel}`,
            }),
          );
          return true;
        }
        const isNew = !members.has(`${command.channel}\u0000${user}`);
        channel = command.channel;
        direct = false;
        write(t('console.nowIn', { where: where() }));
        if (isNew) {
          roster?.listed(place, [member(user, command.channel)], clock.now());
          await sink.handle(
            { type: 'member.joined', ...base() },
            responderFor(conversationRef(), false, actor()),
          );
        }
        return true;
      }
      case 'dm':
        direct = true;
        write(t('console.nowIn', { where: where() }));
        return true;
      case 'advance':
        await moveTime(new Date(clock.now().getTime() + command.ms));
        return true;
      case 'at': {
        const at = DateTime.fromISO(command.local, { zone: options.timezone });
        if (!at.isValid) write(t('console.badMeta', { line: text }));
        else await moveTime(at.toJSDate());
        return true;
      }
      case 'click': {
        const button = lastButtons?.buttons[command.index - 1];
        if (!lastButtons || !button) {
          write(t('console.noSuchButton', { index: command.index }));
          return true;
        }
        const event: InboundEvent = {
          type: 'action.clicked',
          eventId: nextId(),
          actor: actor(),
          conversation: lastButtons.conversation,
          isDirect: lastButtons.isDirect,
          actionId: button.actionId,
          value: button.value ?? '',
          message: lastButtons.message,
        };
        await sink.handle(event, responderFor(event.conversation, event.isDirect, event.actor));
        return true;
      }
      case 'role': {
        // A shortcut for `/role add @user role`, run as the workspace owner.
        if (!known.has(command.user)) introduce(command.user);
        const event: InboundEvent = {
          type: 'command.invoked',
          ...base(),
          actor: {
            user: userRef(CONSOLE_OWNER),
            displayName: CONSOLE_OWNER,
            isPlatformAdmin: true,
            isBot: false,
          },
          command: 'role',
          text: `add <@${userRef(command.user).userId}> ${command.role}`,
        };
        await sink.handle(event, responderFor(event.conversation, event.isDirect, event.actor));
        return true;
      }
      case 'help':
        write(t('console.help'));
        return true;
      case 'quit':
        return false;
      case 'invalid':
        write(
          command.notPerson === undefined
            ? t('console.badMeta', { line: text })
            : t('console.inNotPerson', { word: command.notPerson }),
        );
        return true;
    }
  }

  let reader: ReturnType<typeof createInterface> | undefined;

  return {
    platform,
    /** Stops reading after the line being handled; `run` then resolves. */
    stop(): void {
      reader?.close();
    },
    /** Reads lines until the input ends or `:quit`; resolves when the session is over. */
    async run(sink: EventSink, rosterSink?: RosterSink): Promise<void> {
      roster = rosterSink;
      write(t('console.banner', { user, where: where() }));
      if (options.logFile) write(t('console.logFile', { path: options.logFile }));
      const rl = createInterface({
        input: options.input,
        terminal: options.interactive,
        ...(options.interactive ? { output } : {}),
      });
      reader = rl;
      const prompt = () => {
        if (!options.interactive) return;
        rl.setPrompt(form ? '│ > ' : `${user}@${where()}> `);
        rl.prompt();
      };
      // Ctrl-C at a terminal closes an open form, as :cancel does; with no form open it leaves.
      rl.on('SIGINT', () => {
        if (!form) return rl.close();
        write('');
        write(`└ ${form.t('console.formCancelled')}`);
        form = undefined;
        prompt();
      });
      prompt();
      for await (const line of rl) {
        if (!(await handleLine(line, sink))) break;
        prompt();
      }
      rl.close();
    },
  };
}

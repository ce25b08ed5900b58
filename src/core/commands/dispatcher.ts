import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { UserFacingError } from '../errors.js';
import { type MessageKey, type Params, translator } from '../i18n/catalog.js';
import { eventProblem } from '../platform/event-shape.js';
import type {
  ActionClicked,
  CommandInvoked,
  FormSubmitted,
  HomeOpened,
  InboundEvent,
} from '../platform/events.js';
import { parseConversationKey, userKey, workspaceKey } from '../platform/ids.js';
import type { Block, OutboundMessage } from '../platform/messages.js';
import type { DeliveryTarget, EventSink, Responder } from '../platform/platform.js';
import type {
  CommandOutcome,
  CoreMetrics,
  Delivery,
  Directory,
  EventLedger,
  Logger,
  ResolvedActor,
} from '../ports.js';
import { type StorageFailure, storageFailureOf } from '../storage-errors.js';
import { choiceWords } from './choice-words.js';
import {
  allows,
  type HandlerContext,
  type Origin,
  type Permission,
  type Scope,
  type SubcommandSpec,
  type Target,
} from './define-command.js';
import type { ArgsOf, OptionSpec } from './options.js';
import { parseInvocation, parseStructured } from './parse.js';
import { type CommandRegistry, closest, suggestable } from './registry.js';
import { asksForHelp, commandHelp, isHelpWord, usageLine } from './usage.js';

export interface DispatcherDeps {
  registry: CommandRegistry;
  directory: Directory;
  ledger: EventLedger;
  delivery: Delivery;
  clock: Clock;
  logger: Logger;
  metrics: CoreMetrics;
  /** Features that watch every message and membership change (rules, activity). */
  listeners?: readonly EventListener[];
}

/** Sees every event after the directory recorded it (and after a command, click or form ran). */
export interface EventListener {
  onEvent(event: InboundEvent, who: ResolvedActor): Promise<void>;
}

type Interactive = CommandInvoked | ActionClicked | FormSubmitted;
type WithContext = Interactive | HomeOpened;

/** Turns a handled failure into its reply, its metric outcome and whether it is a fault. */
class Refusal extends Error {
  constructor(
    readonly outcome: CommandOutcome,
    readonly key: MessageKey,
    readonly params: Params,
  ) {
    super(key);
  }
}

/**
 * The core's single entry point: dedupe, resolve who is asking, parse, authorize, run, answer.
 * Never throws: a bad event is logged with context and the user gets an answer.
 * @example adapter.start(createDispatcher(deps))
 */
export function createDispatcher(deps: DispatcherDeps): EventSink {
  const { registry, directory, ledger, delivery, clock, logger, metrics } = deps;

  function contextFor(event: WithContext, who: ResolvedActor, responder: Responder): HandlerContext {
    const t = translator(who.locale);
    const conversation = event.conversation;
    return {
      actor: event.actor,
      conversation,
      workspaceId: who.workspaceId,
      groupId: who.groupId,
      locale: who.locale,
      timezone: who.timezone,
      level: who.level,
      targetGroupId: who.groupId,
      now: clock.now(),
      t,
      async reply(message: OutboundMessage, visibility: 'ephemeral' | 'channel' = 'ephemeral') {
        const target: DeliveryTarget =
          visibility === 'channel' || event.isDirect
            ? { kind: 'channel', conversation }
            : { kind: 'ephemeral', conversation, user: event.actor.user };
        await delivery.send(conversation.platform, target, message, {
          firstAttempt: () => responder.reply(message, visibility),
        });
      },
      openForm(form) {
        const declared = registry.form(form.formId)?.fields;
        const ids = form.fields.map((f) => f.id);
        // A form may show fewer fields than declared (a group with three questions of five), never others.
        if (!declared || ids.length === 0 || ids.some((id) => !declared.includes(id))) {
          throw new Error(
            `form "${form.formId}" does not match its declaration (${declared?.join(', ') ?? 'undeclared'})`,
          );
        }
        return responder.openForm({ ...form, locale: who.locale });
      },
    };
  }

  /**
   * The one authorization check, for commands, buttons and forms alike: the actor's level is read
   * in the group the request acts on (an item's own group, the workspace), never carried over
   * from another group, and a group named only by a payload must be one the actor is part of.
   * On success the context says where the request acts and at which level.
   */
  function authorize(
    event: Interactive,
    ctx: HandlerContext,
    required: Permission,
    scope: Scope,
    target: Target | undefined,
  ): void {
    if (scope === 'group' && !ctx.groupId) throw new Refusal('rejected', 'error.groupOnly', {});
    let level: Permission | undefined = ctx.level;
    if (target && 'workspaceId' in target) {
      level = directory.levelInWorkspace(event, target.workspaceId);
      if (!level) throw new Refusal('denied', 'error.otherGroup', {});
      if (!allows(level, 'owner')) throw new Refusal('denied', 'error.workspaceOnly', {});
    } else {
      const groupId = target?.groupId ?? ctx.groupId;
      const named = groupId !== undefined && (groupId !== ctx.groupId || event.type !== 'command.invoked');
      if (named) {
        level =
          directory.levelIn(event, groupId) ?? (addressedTo(event, groupId, target) ? 'guest' : undefined);
        if (!level) throw new Refusal('denied', 'error.otherGroup', {});
        // From a DM that belongs to no workspace (Discord), the request acts in the group's own.
        ctx.workspaceId = workspaceKey(parseConversationKey(groupId));
      }
      ctx.targetGroupId = groupId;
    }
    ctx.level = level;
    if (required === 'owner' && !allows(level, required))
      throw new Refusal('denied', 'error.workspaceOnly', {});
    // The customer's people are told what is theirs, not pointed at roles they will not get.
    if (level === 'guest' && !allows(level, required)) throw new Refusal('denied', 'error.teamOnly', {});
    if (!allows(level, required)) {
      throw new Refusal('denied', 'error.notAllowed', { level: ctx.t(`level.${required}`) });
    }
  }

  function originOf(ctx: HandlerContext): Origin {
    return { workspaceId: ctx.workspaceId, groupId: ctx.groupId };
  }

  async function runCommand(event: CommandInvoked, ctx: HandlerContext, who: ResolvedActor): Promise<void> {
    const t = ctx.t;
    // `/帮助` or `/help` on its own is someone looking for the commands: `/muster help`.
    const command = registry.command(isHelpWord(event.command) ? 'muster' : event.command);
    if (!command) {
      const guess = closest(event.command, registry.commands().flatMap(suggestable));
      throw guess
        ? new Refusal('unknown', 'error.unknownCommandDidYouMean', {
            command: event.command,
            suggestion: `/${guess}`,
          })
        : new Refusal('unknown', 'error.unknownCommand', { command: event.command });
    }
    if (!event.options && asksForHelp(command, event.text)) {
      const runnable = (sub: SubcommandSpec) =>
        allows(who.level, sub.permission) && (sub.scope === 'anywhere' || ctx.groupId !== undefined);
      await ctx.reply({ text: commandHelp(command, runnable, ctx.locale, t) });
      return;
    }
    const parsed = event.options
      ? parseStructured(command, event.options, event.conversation)
      : parseInvocation(command, event.text, event.conversation);
    if (!parsed.ok && parsed.reason === 'unknown_subcommand') {
      const words = command.subcommands.filter((s) => allows(who.level, s.permission)).flatMap(suggestable);
      const guess = parsed.word ? closest(parsed.word, words) : undefined;
      throw new Refusal('unknown', guess ? 'error.unknownSubcommandDidYouMean' : 'error.unknownSubcommand', {
        command: `/${command.name}`,
        word: parsed.word,
        suggestion: guess ? `/${command.name} ${guess}` : '',
        help: '/muster help',
      });
    }
    if (!parsed.ok) {
      authorize(event, ctx, parsed.sub.permission, parsed.sub.scope, undefined);
      const { problem } = parsed;
      throw new Refusal('usage', 'error.usage', {
        problem: t(problem.key, {
          ...problem.params,
          name: problem.label ? t(problem.label) : '',
          ...(problem.choices ? { choices: choiceWords(problem.choices, ctx.locale, t) } : {}),
        }),
        usage: usageLine(command.name, parsed.sub, t),
      });
    }
    const { sub, args } = parsed;
    const typedArgs = args as ArgsOf<Record<string, OptionSpec>>;
    const target = sub.target?.(typedArgs, originOf(ctx));
    authorize(event, ctx, sub.permissionFor?.(typedArgs) ?? sub.permission, sub.scope, target);
    await sub.handle(ctx as HandlerContext & { groupId: string }, typedArgs);
  }

  /** Runs a command, click or form; false when the actor was refused as a stranger to its group. */
  async function runInteractive(
    event: Interactive,
    who: ResolvedActor,
    responder: Responder,
  ): Promise<boolean> {
    const ctx = contextFor(event, who, responder);
    const label =
      event.type === 'command.invoked'
        ? `/${event.command}`
        : event.type === 'action.clicked'
          ? `action:${event.actionId}`
          : `form:${event.formId}`;
    try {
      // A group named only by a form's payload that Muster does not know is nobody's group.
      if (!event.isDirect && !who.groupId) throw new Refusal('denied', 'error.otherGroup', {});
      if (event.type === 'command.invoked') {
        await runCommand(event, ctx, who);
      } else if (event.type === 'action.clicked') {
        const action = registry.action(event.actionId);
        if (!action) throw new Refusal('unknown', 'error.staleAction', {});
        const target = action.target?.(event.value, originOf(ctx));
        authorize(event, ctx, action.permission, action.scope, target);
        await action.handle(ctx, event.value);
      } else {
        const form = registry.form(event.formId);
        if (!form) throw new Refusal('unknown', 'error.staleAction', {});
        const target = form.target?.(event.context, originOf(ctx));
        authorize(event, ctx, form.permission, 'anywhere', target);
        const result = await form.handle(ctx, event.values, event.context);
        if (result.errors) {
          metrics.commandHandled(label, 'rejected');
          await responder.rejectForm(result.errors);
          return true;
        }
      }
      metrics.commandHandled(label, 'ok');
      return true;
    } catch (error) {
      await answerFailure(error, event, ctx, label, responder);
      return !(error instanceof Refusal && error.key === 'error.otherGroup');
    }
  }

  /**
   * The database refused a write (disk full, read-only, locked past the timeout): the transaction
   * rolled back, so nothing changed. The answer goes straight to the person, not through the
   * outbox, which could not record it either.
   */
  async function answerUnsaved(
    kind: StorageFailure,
    error: unknown,
    event: Interactive,
    text: string,
    responder: Responder,
  ): Promise<void> {
    metrics.storageFailed(kind);
    logger.error({ err: error, kind, event: describe(event) }, 'could not save; nothing was changed');
    await responder
      .reply({ text }, 'ephemeral')
      .catch((err: unknown) => logger.error({ err, event: describe(event) }, 'could not send error reply'));
  }

  async function answerFailure(
    error: unknown,
    event: Interactive,
    ctx: HandlerContext,
    label: string,
    responder: Responder,
  ): Promise<void> {
    const storage = storageFailureOf(error);
    if (storage) {
      metrics.commandHandled(label, 'error');
      await answerUnsaved(storage, error, event, ctx.t('error.notSaved'), responder);
      return;
    }
    let text: string;
    if (error instanceof Refusal) {
      metrics.commandHandled(label, error.outcome);
      text = ctx.t(error.key, error.params);
    } else if (error instanceof UserFacingError) {
      metrics.commandHandled(label, 'rejected');
      text = ctx.t(error.key, error.params);
    } else {
      metrics.commandHandled(label, 'error');
      const ref = randomBytes(4).toString('hex');
      logger.error({ err: error, ref, event: describe(event) }, 'command failed');
      text = ctx.t('error.unexpected', { ref });
    }
    await ctx
      .reply({ text })
      .catch((err: unknown) => logger.error({ err, event: describe(event) }, 'could not send error reply'));
  }

  /** The Home page is a view the platform shows, not a message: it skips the outbox. */
  async function showHome(event: HomeOpened, who: ResolvedActor, responder: Responder): Promise<void> {
    const ctx = contextFor(event, who, responder);
    const blocks: Block[] = [];
    for (const section of registry.homeSections()) blocks.push(...(await section(ctx)));
    await responder.reply({ text: ctx.t('home.title'), blocks }, 'channel');
  }

  async function notifyListeners(event: InboundEvent, who: ResolvedActor): Promise<void> {
    for (const listener of deps.listeners ?? []) await listener.onEvent(event, who);
  }

  return {
    async handle(event, responder) {
      try {
        metrics.eventReceived(event.conversation?.platform ?? 'unknown', event.type);
        const problem = eventProblem(event);
        if (problem !== undefined) {
          logger.warn({ event: describe(event), problem }, 'malformed event refused');
          const platform = event.conversation?.platform;
          metrics.eventRejected(
            platform === 'discord' || platform === 'console' ? platform : 'slack',
            'malformed',
          );
          return;
        }
        const passive =
          event.type === 'message.posted' || event.type === 'member.joined' || event.type === 'member.left';
        if (!ledger.firstSeen(event.conversation.platform, event.eventId, clock.now(), passive)) {
          logger.debug({ event: describe(event) }, 'duplicate delivery ignored');
          return;
        }
        if (event.actor.isBot && event.type !== 'member.joined' && event.type !== 'member.left') return;
        if (!event.isDirect && event.conversation.workspaceId !== event.actor.user.workspaceId) {
          // Platforms never send this; a crafted payload naming another workspace's channel does.
          logger.warn({ event: describe(event) }, 'event naming another workspace refused');
          return;
        }
        const who = directory.resolve(event, clock.now());
        if (
          event.type === 'command.invoked' ||
          event.type === 'action.clicked' ||
          event.type === 'form.submitted'
        ) {
          // A stranger refused by a group leaves no trace there (no activity that would admit them next time).
          if (await runInteractive(event, who, responder)) await notifyListeners(event, who);
          return;
        }
        if (event.type === 'home.opened') {
          await showHome(event, who, responder);
          return;
        }
        await notifyListeners(event, who);
      } catch (error) {
        const storage = storageFailureOf(error);
        const interactive =
          event.type === 'command.invoked' ||
          event.type === 'action.clicked' ||
          event.type === 'form.submitted';
        if (storage && interactive) {
          // Recording the event or its sender failed before anything ran: the person still hears it.
          const t = translator(event.actor?.platformLocale ?? 'en');
          await answerUnsaved(storage, error, event, t('error.notSaved'), responder);
          return;
        }
        logger.error({ err: error, event: describe(event) }, 'event could not be handled');
      }
    },
  };
}

/** Whether the actor is the one an item in `groupId` is addressed to (its owner, its contact). */
function addressedTo(event: Interactive, groupId: string, target: Target | undefined): boolean {
  const addressee = target && 'groupId' in target ? target.addressee : undefined;
  if (!addressee) return false;
  const group = parseConversationKey(groupId);
  const sameWorkspace = event.actor.user.workspaceId === group.workspaceId;
  // From a DM of no workspace (Discord), the same person in the item's; never from another workspace.
  if (!sameWorkspace && !event.isDirect) return false;
  return userKey({ ...event.actor.user, workspaceId: group.workspaceId }) === addressee;
}

/** What to log about an event: ids and kinds, never message text (it may hold personal data). */
function describe(event: InboundEvent): Record<string, string | undefined> {
  // Optional chaining on purpose: this also describes malformed events from a buggy adapter.
  const e = event as Partial<InboundEvent>;
  return {
    type: e.type,
    eventId: e.eventId,
    platform: e.conversation?.platform,
    workspace: e.conversation?.workspaceId,
    channel: e.conversation?.channelId,
    user: e.actor?.user?.userId,
    ...(event.type === 'command.invoked' ? { command: event.command } : {}),
  };
}

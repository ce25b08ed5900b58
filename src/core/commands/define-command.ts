import type { MessageKey, Translator } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import type { Actor } from '../platform/events.js';
import type { ConversationRef } from '../platform/ids.js';
import type { Block, FormSpec, OutboundMessage } from '../platform/messages.js';
import type { ArgsOf, OptionSpec } from './options.js';

/**
 * Who may run something. Each level includes the ones before it. `guest` is a customer's contact
 * or an observer in the group; `member` to `admin` are roles in one group; `owner` is the
 * workspace's own admins (Slack admins and owners, Discord Manage Server), whose powers reach
 * every group and the workspace-wide settings.
 */
export const PERMISSIONS = ['guest', 'member', 'manager', 'admin', 'owner'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** @example allows('admin', 'manager') === true */
export function allows(level: Permission, required: Permission): boolean {
  return PERMISSIONS.indexOf(level) >= PERMISSIONS.indexOf(required);
}

/** Where a command makes sense: in a group channel only, or also in a DM with Muster. */
export type Scope = 'group' | 'anywhere';

/**
 * What an invocation acts on, when it is not simply the group it was sent from: an item's own
 * group (a feedback item, an action item, a survey), or the whole workspace (a workspace-wide
 * rule). The dispatcher checks the actor's level there, once, before the handler runs.
 * `undefined` from a resolver means "the conversation's group" (or nothing, in a DM): a handler
 * then says the item was not found.
 * @example target: ({ id }, where) => { const item = service.item(where.workspaceId, id); return item && { groupId: item.groupId } }
 */
export type Target =
  | {
      groupId: string;
      /**
       * Who the item is addressed to (an action item's owner, a survey's contact): they may act on
       * it at guest level even if they never spoke in its group, from a DM as well.
       */
      addressee?: string | null | undefined;
    }
  | { workspaceId: string };

/** What a target resolver may know: where the request came from, never who sent it. */
export interface Origin {
  workspaceId: string;
  groupId: string | undefined;
}

/** Everything a handler knows about the request, already resolved and authorized. */
export interface HandlerContext {
  actor: Actor;
  conversation: ConversationRef;
  /** Encoded workspace key. */
  workspaceId: string;
  /** Encoded conversation key of the group, or undefined in a DM. */
  groupId: string | undefined;
  locale: Locale;
  /** The reader's IANA timezone, for showing times. */
  timezone: string;
  /** The actor's level where the request acts: the target's group, else the conversation's. */
  level: Permission;
  /** The group the request acts on, after the dispatcher checked the actor's level there. */
  targetGroupId: string | undefined;
  now: Date;
  t: Translator;
  /** Replies to the caller (ephemeral by default) or posts to the channel. */
  reply(message: OutboundMessage, visibility?: 'ephemeral' | 'channel'): Promise<void>;
  openForm(form: FormSpec): Promise<void>;
}

/** A handler in a group scope always has a group. */
export type GroupContext = HandlerContext & { groupId: string };

type ContextFor<S extends Scope> = S extends 'group' ? GroupContext : HandlerContext;

export interface SubcommandSpec<
  O extends Record<string, OptionSpec> = Record<string, OptionSpec>,
  S extends Scope = Scope,
> {
  name: string;
  /** Other words that select this subcommand, e.g. Chinese ones. */
  aliases?: readonly string[];
  description: MessageKey;
  options: O;
  permission: Permission;
  /** Raises the required level for some arguments (viewing settings is for all, changing them for admins). */
  permissionFor?(args: ArgsOf<O>): Permission;
  /** Where the arguments point (an item's group, the workspace), when not the conversation's group. */
  target?(args: ArgsOf<O>, origin: Origin): Target | undefined;
  scope: S;
  handle(ctx: ContextFor<S>, args: ArgsOf<O>): Promise<void>;
}

/**
 * A top-level slash command. Several features may declare the same command name with different
 * subcommands; the registry merges them.
 */
export interface CommandSpec {
  name: string;
  /**
   * Other words for the command where a platform lets people type them (the console, a message
   * starting with `/`): Chinese names first, as help shows the first Han one to Chinese readers.
   */
  aliases?: readonly string[];
  description: MessageKey;
  /** Run when the command is sent with no words. */
  defaultSubcommand?: string;
  /** Takes the whole text when the first word is not a subcommand (free text such as an inline answer). */
  textSubcommand?: string;
  subcommands: readonly SubcommandSpec[];
}

/**
 * The Chinese name of a command or subcommand: its first alias written in Han characters.
 * @example chineseName({ aliases: ['ls', '列表'] }) === '列表'
 */
export function chineseName(spec: { aliases?: readonly string[] | undefined }): string | undefined {
  return spec.aliases?.find((a) => /\p{Script=Han}/u.test(a));
}

/**
 * Declares a subcommand with typed arguments.
 * @example defineSubcommand({ name: 'add', description: 'cmd.role.add', scope: 'group', permission: 'admin',
 *   options: { member: opt.user('opt.member', { required: true }) }, handle: async (ctx, { member }) => {} })
 */
export function defineSubcommand<O extends Record<string, OptionSpec>, S extends Scope>(
  spec: SubcommandSpec<O, S>,
): SubcommandSpec {
  return spec as unknown as SubcommandSpec;
}

/** @example defineCommand({ name: 'role', description: 'cmd.role', subcommands: [list, add, remove] }) */
export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}

/** A button handler. The button's `value` comes back as the argument. */
export interface ActionSpec {
  actionId: string;
  permission: Permission;
  scope: Scope;
  /** Where the button's value points; re-checked here, never taken on the client's word. */
  target?(value: string, origin: Origin): Target | undefined;
  handle(ctx: HandlerContext, value: string): Promise<void>;
}

/** The most inputs a form may have: Discord's modal limit, the strictest of the platforms. */
export const MAX_FORM_FIELDS = 5;

/** A form handler. Returning errors keeps the form open with a message per field. */
export interface FormHandlerSpec {
  formId: string;
  /** The ids of the form's fields, declared up front so a too-long form fails at start-up, not in a user's face. */
  fields: readonly string[];
  permission: Permission;
  /** Where the form's context points; re-checked here, never taken on the client's word. */
  target?(context: string, origin: Origin): Target | undefined;
  handle(
    ctx: HandlerContext,
    values: Record<string, string>,
    context: string,
  ): Promise<{ errors?: Record<string, string> }>;
}

/** Builds blocks for the person's Home page (Slack's Home tab). */
export type HomeSection = (ctx: HandlerContext) => Promise<Block[]>;

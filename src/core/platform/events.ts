import type { Locale } from '../i18n/locale.js';
import type { ConversationRef, MessageRef, UserRef } from './ids.js';

/** Who caused an event, as far as the platform tells. */
export interface Actor {
  user: UserRef;
  displayName: string;
  /** Workspace admins/owners (Slack), Manage Server (Discord), the console owner. */
  isPlatformAdmin: boolean;
  isBot: boolean;
  /** The client's language when the platform sends it (Discord interactions). */
  platformLocale?: Locale;
  /** IANA timezone when the platform knows it (Slack profile `tz`). */
  platformTimezone?: string;
  /** Another organisation's person (Slack Connect): a customer of the team, of that organisation. */
  organization?: { id: string; name: string };
  /** A guest account (Slack single- or multi-channel guest). */
  isGuest?: boolean;
  /** The platform roles the person holds where the event happened (Discord role ids). */
  platformRoles?: readonly string[];
}

interface EventBase {
  /** The platform's id for this delivery; retries carry the same id. */
  eventId: string;
  actor: Actor;
  conversation: ConversationRef;
  /** True when the conversation is a direct message with Muster. */
  isDirect: boolean;
  /** The channel's name when the platform sends it along. */
  channelName?: string;
}

/**
 * A slash command. Text platforms send `text`; Discord sends typed `options` it has already validated.
 * @example { type: 'command.invoked', command: 'muster', text: 'help', ... }
 */
export interface CommandInvoked extends EventBase {
  type: 'command.invoked';
  command: string;
  text: string;
  options?: { subcommand?: string | undefined; values: Record<string, string | number | boolean> };
}

export interface FormSubmitted extends EventBase {
  type: 'form.submitted';
  formId: string;
  context: string;
  values: Record<string, string>;
}

export interface ActionClicked extends EventBase {
  type: 'action.clicked';
  actionId: string;
  value: string;
  message?: MessageRef;
}

export interface MessagePosted extends EventBase {
  type: 'message.posted';
  message: MessageRef;
  text: string;
  threadId?: string;
}

export interface MemberJoined extends EventBase {
  type: 'member.joined';
}

export interface MemberLeft extends EventBase {
  type: 'member.left';
}

/** The person opened Muster's own page (Slack's Home tab); the reply becomes that page. */
export interface HomeOpened extends EventBase {
  type: 'home.opened';
}

/** Everything an adapter can tell the core. */
export type InboundEvent =
  | CommandInvoked
  | FormSubmitted
  | ActionClicked
  | MessagePosted
  | MemberJoined
  | MemberLeft
  | HomeOpened;

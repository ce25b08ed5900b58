import type { BlockAction, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import type {
  ActionClicked,
  Actor,
  CommandInvoked,
  FormSubmitted,
  HomeOpened,
  MemberJoined,
  MemberLeft,
  MessagePosted,
} from '../../core/platform/events.js';
import { type ConversationRef, parseConversationKey } from '../../core/platform/ids.js';
import { RejectedEvent, requireIds } from '../../core/platform/rejection.js';
import { actionIdOf, type FormMetadata } from './render.js';

/** What users.info told us about a person, as Muster needs it. */
export interface SlackProfile {
  displayName: string;
  isAdmin: boolean;
  isBot: boolean;
  timezone?: string | undefined;
  locale?: string | undefined;
  /** Another organisation's person (Slack Connect: their home team differs from the workspace's). */
  organization?: { id: string; name: string } | undefined;
  /** A single- or multi-channel guest. */
  isGuest?: boolean | undefined;
}

export function conversationOf(teamId: string, channelId: string): ConversationRef {
  return { platform: 'slack', workspaceId: teamId, channelId };
}

/**
 * Slack escapes `&`, `<` and `>` in message and command text; mentions stay in angle brackets.
 * @example unescapeSlack('R&amp;D &lt;urgent&gt; <@U1>') === 'R&D <urgent> <@U1>'
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** DMs with the bot are "D…" channels; Slack also names them "directmessage" in slash commands. */
export function isDirectChannel(channelId: string, channelName?: string): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

/** Slack's placeholder channel names that are not real names. */
function realChannelName(name: string | undefined): string | undefined {
  return name && name !== 'directmessage' && name !== 'privategroup' ? name : undefined;
}

/**
 * A slash command. Slack never retries these; the trigger id is unique per invocation.
 * @example normalizeCommand({ command: '/muster', text: 'help', team_id: 'T1', channel_id: 'C1', ... }, actor)
 */
export function normalizeCommand(command: SlashCommand, actor: Actor): CommandInvoked {
  requireIds('slash_command', {
    team_id: command.team_id,
    channel_id: command.channel_id,
    trigger_id: command.trigger_id,
    command: command.command,
  });
  return {
    type: 'command.invoked',
    eventId: `command:${command.trigger_id}`,
    actor,
    conversation: conversationOf(command.team_id, command.channel_id),
    isDirect: isDirectChannel(command.channel_id, command.channel_name),
    ...(realChannelName(command.channel_name) ? { channelName: command.channel_name } : {}),
    command: command.command.replace(/^\//, ''),
    text: unescapeSlack(command.text ?? ''),
  };
}

/** A button click in a message (or a modal/Home view carrying its conversation in metadata). */
export function normalizeButton(
  body: BlockAction,
  action: { action_id: string; value?: string | undefined; action_ts: string },
  actor: Actor,
): ActionClicked | undefined {
  requireIds('block_actions', {
    trigger_id: body.trigger_id,
    action_id: action.action_id,
    action_ts: action.action_ts,
  });
  const teamId = body.team?.id ?? body.user.team_id;
  const metadata = body.view?.private_metadata ? readMetadata(body.view.private_metadata) : undefined;
  if (body.channel) requireIds('block_actions', { team_id: teamId, channel_id: body.channel.id });
  const conversation =
    body.channel && teamId
      ? conversationOf(teamId, body.channel.id)
      : metadata
        ? metadataConversation(metadata, 'block_actions')
        : undefined;
  if (!conversation) return undefined;
  return {
    type: 'action.clicked',
    eventId: `action:${body.trigger_id}:${action.action_ts}`,
    actor,
    conversation,
    isDirect: body.channel ? isDirectChannel(body.channel.id, body.channel.name) : (metadata?.d ?? false),
    actionId: actionIdOf(action.action_id),
    value: action.value ?? '',
    ...(body.channel && body.message ? { message: { conversation, messageId: body.message.ts } } : {}),
  };
}

/** The conversation a view's metadata names; a key with an empty part is a payload Muster did not make. */
function metadataConversation(metadata: FormMetadata, type: string): ConversationRef {
  try {
    return parseConversationKey(metadata.c);
  } catch {
    throw new RejectedEvent('empty_id', { type, field: 'private_metadata' });
  }
}

export function readMetadata(raw: string): FormMetadata | undefined {
  try {
    const parsed = JSON.parse(raw) as Partial<FormMetadata>;
    return typeof parsed.c === 'string' && typeof parsed.x === 'string'
      ? { c: parsed.c, x: parsed.x, d: parsed.d === true }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A modal submission: every input's value by field id. */
export function normalizeSubmission(
  body: ViewSubmitAction,
  metadata: FormMetadata,
  actor: Actor,
): FormSubmitted {
  requireIds('view_submission', {
    view_id: body.view.id,
    view_hash: body.view.hash,
    callback_id: body.view.callback_id,
  });
  // Slack's types say `state` is always there; a payload without it must not reach Object.entries.
  const state: ViewSubmitAction['view']['state'] | null | undefined = body.view.state;
  if (!state?.values || typeof state.values !== 'object') {
    throw new RejectedEvent('missing_state', { type: 'view_submission', callbackId: body.view.callback_id });
  }
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    for (const input of Object.values(actions ?? {})) {
      values[blockId] = input?.selected_option?.value ?? input?.value ?? '';
    }
  }
  return {
    type: 'form.submitted',
    eventId: `view:${body.view.id}:${body.view.hash}`,
    actor,
    conversation: metadataConversation(metadata, 'view_submission'),
    isDirect: metadata.d,
    formId: body.view.callback_id,
    context: metadata.x,
    values,
  };
}

interface ChannelMessage {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

/** A message in a channel the bot is in. */
export function normalizeMessage(
  message: ChannelMessage,
  eventId: string,
  teamId: string,
  actor: Actor,
): MessagePosted {
  requireIds('message', { team_id: teamId, channel: message.channel, ts: message.ts, event_id: eventId });
  const conversation = conversationOf(teamId, message.channel);
  return {
    type: 'message.posted',
    eventId,
    actor,
    conversation,
    isDirect: message.channel_type === 'im',
    message: { conversation, messageId: message.ts },
    text: unescapeSlack(message.text ?? ''),
    ...(message.thread_ts && message.thread_ts !== message.ts ? { threadId: message.thread_ts } : {}),
  };
}

export function normalizeMembership(
  type: 'member.joined' | 'member.left',
  channel: string,
  eventId: string,
  teamId: string,
  actor: Actor,
): MemberJoined | MemberLeft {
  requireIds(type, { team_id: teamId, channel, event_id: eventId });
  return { type, eventId, actor, conversation: conversationOf(teamId, channel), isDirect: false };
}

/** The Home tab lives in the user's DM with the app. */
export function normalizeHomeOpened(
  channel: string,
  eventId: string,
  teamId: string,
  actor: Actor,
): HomeOpened {
  requireIds('app_home_opened', { team_id: teamId, channel, event_id: eventId });
  return {
    type: 'home.opened',
    eventId,
    actor,
    conversation: conversationOf(teamId, channel),
    isDirect: true,
  };
}

/** The Actor for a Slack user; a person without any name is shown by their id (members need a name). */
export function actorOf(
  teamId: string,
  userId: string,
  profile: SlackProfile,
  toLocale: (s: string) => 'en' | 'zh-CN' | undefined,
): Actor {
  requireIds('actor', { team_id: teamId, user_id: userId });
  const platformLocale = profile.locale ? toLocale(profile.locale) : undefined;
  return {
    user: { platform: 'slack', workspaceId: teamId, userId },
    displayName: profile.displayName?.trim() || userId,
    isPlatformAdmin: profile.isAdmin,
    isBot: profile.isBot,
    ...(platformLocale ? { platformLocale } : {}),
    ...(profile.timezone ? { platformTimezone: profile.timezone } : {}),
    ...(profile.organization ? { organization: profile.organization } : {}),
    ...(profile.isGuest ? { isGuest: true } : {}),
  };
}

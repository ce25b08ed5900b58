/** The chat platforms Muster speaks. `console` is the local, embedded one. */
export type PlatformName = 'slack' | 'discord' | 'console';

/** A Slack team, a Discord guild or the console's single workspace. */
export interface WorkspaceRef {
  platform: PlatformName;
  workspaceId: string;
}

/** A channel (or DM) inside a workspace. */
export interface ConversationRef extends WorkspaceRef {
  channelId: string;
}

/** A person (or bot) inside a workspace. */
export interface UserRef extends WorkspaceRef {
  userId: string;
}

/** A message the platform has stored, addressed by the id the platform gave it. */
export interface MessageRef {
  conversation: ConversationRef;
  messageId: string;
}

/**
 * Encoded keys are the ids stored in the database.
 * @example workspaceKey({ platform: 'slack', workspaceId: 'T1' }) === 'slack:T1'
 */
export function workspaceKey(ref: WorkspaceRef): string {
  return `${ref.platform}:${ref.workspaceId}`;
}

/** @example conversationKey({ platform: 'slack', workspaceId: 'T1', channelId: 'C2' }) === 'slack:T1:C2' */
export function conversationKey(ref: ConversationRef): string {
  return `${ref.platform}:${ref.workspaceId}:${ref.channelId}`;
}

/** @example userKey({ platform: 'discord', workspaceId: 'G1', userId: '42' }) === 'discord:G1:42' */
export function userKey(ref: UserRef): string {
  return `${ref.platform}:${ref.workspaceId}:${ref.userId}`;
}

const PLATFORMS: readonly PlatformName[] = ['slack', 'discord', 'console'];

function splitKey(key: string, parts: number): [PlatformName, ...string[]] {
  const [platform, ...rest] = key.split(':');
  // Ids themselves never contain ':' on any platform, so a fixed part count is a sound check.
  if (!PLATFORMS.includes(platform as PlatformName) || rest.length !== parts - 1 || rest.some((p) => !p)) {
    throw new Error(`Malformed key "${key}"`);
  }
  return [platform as PlatformName, ...rest];
}

/** @example parseWorkspaceKey('slack:T1') → { platform: 'slack', workspaceId: 'T1' } */
export function parseWorkspaceKey(key: string): WorkspaceRef {
  const [platform, workspaceId] = splitKey(key, 2);
  return { platform, workspaceId: workspaceId as string };
}

/** @example parseConversationKey('slack:T1:C2') → { platform: 'slack', workspaceId: 'T1', channelId: 'C2' } */
export function parseConversationKey(key: string): ConversationRef {
  const [platform, workspaceId, channelId] = splitKey(key, 3);
  return { platform, workspaceId: workspaceId as string, channelId: channelId as string };
}

/** @example parseUserKey('discord:G1:42') → { platform: 'discord', workspaceId: 'G1', userId: '42' } */
export function parseUserKey(key: string): UserRef {
  const [platform, workspaceId, userId] = splitKey(key, 3);
  return { platform, workspaceId: workspaceId as string, userId: userId as string };
}

import type { Locale } from '../i18n/locale.js';
import type { ConversationRef, UserRef, WorkspaceRef } from './ids.js';

/**
 * A person as the platform lists them in a group, whether or not they ever spoke: what adapters
 * read from `conversations.members` + `users.list` (Slack), the guild's members and channel
 * permissions (Discord), or the console's seeded people.
 */
export interface RosterMember {
  user: UserRef;
  displayName: string;
  isBot: boolean;
  /** Deactivated (Slack `deleted`): known, never expected to answer, never counted. */
  isDeactivated: boolean;
  isPlatformAdmin: boolean;
  timezone?: string | undefined;
  locale?: Locale | undefined;
  /** Another organisation's person (Slack Connect): their organisation, a customer of the team. */
  organization?: { id: string; name: string } | undefined;
  /** A guest account (Slack single- or multi-channel guest): a customer unless an admin says otherwise. */
  isGuest?: boolean | undefined;
  /** The platform roles the person holds (Discord role ids), matched against the customer-role setting. */
  platformRoles?: readonly string[] | undefined;
}

/** Where an interrupted sync stands, so a restart carries on from there rather than starting over. */
export interface SyncProgress {
  /** The platform's pagination cursor for the next page; empty before the first. */
  cursor: string;
  /** When this sync started: members not listed since then have left once it completes. */
  startedAt: Date;
}

/**
 * Where adapters report who is in a group. The core decides team or customer and keeps the group's
 * membership; adapters only list what the platform says.
 * @example roster.listed(channel, page, now); …; roster.completed(channel, startedAt)
 */
export interface RosterSink {
  /** Members the platform lists in a group: one page of a full listing, or a change. They are present from `at`. */
  listed(group: ConversationRef, members: readonly RosterMember[], at: Date): void;
  /** A full listing of the group ended: anyone present before `startedAt` and not listed since has left. */
  completed(group: ConversationRef, startedAt: Date): void;
  /** Profiles of people in a workspace (Slack's `users.list` pages): updates those Muster knows, ignores the rest. */
  profiles(workspace: WorkspaceRef, members: readonly RosterMember[]): void;
  /** The person left the group (Slack `member_left_channel`, lost sight of a Discord channel). */
  left(group: ConversationRef, user: UserRef, at: Date): void;
  /** The groups Muster serves in a workspace, to sync at start-up. */
  groups(workspace: WorkspaceRef): ConversationRef[];
  /** An interrupted sync's progress (`key` names the listing, e.g. a channel or a workspace's users). */
  progress(key: string): SyncProgress | undefined;
  saveProgress(key: string, progress: SyncProgress): void;
  clearProgress(key: string): void;
}

import type { Locale } from '../../core/i18n/locale.js';
import type { RosterMember } from '../../core/platform/roster.js';
import type { SlackProfile } from './normalize.js';

/**
 * A Slack user as `users.list` and `users.info` return it: only the fields Muster reads (all
 * optional, as Slack's own types have them).
 */
export interface SlackUser {
  id?: string | undefined;
  /** The person's home workspace: another one's for a Slack Connect person. */
  team_id?: string | undefined;
  name?: string | undefined;
  real_name?: string | undefined;
  deleted?: boolean | undefined;
  tz?: string | undefined;
  locale?: string | undefined;
  is_bot?: boolean | undefined;
  is_admin?: boolean | undefined;
  is_owner?: boolean | undefined;
  is_primary_owner?: boolean | undefined;
  /** Multi-channel guest. */
  is_restricted?: boolean | undefined;
  /** Single-channel guest. */
  is_ultra_restricted?: boolean | undefined;
  profile?: { display_name?: string | undefined; real_name?: string | undefined } | undefined;
}

/** Slackbot is a user (USLACKBOT) without `is_bot`. */
const SLACKBOT = 'USLACKBOT';

/** The name Slack shows: the display name, else the full name, else the handle, else the id. */
export function displayNameOf(user: SlackUser, id: string): string {
  return (
    user.profile?.display_name?.trim() ||
    user.real_name?.trim() ||
    user.profile?.real_name?.trim() ||
    user.name?.trim() ||
    id
  );
}

/**
 * The organisation a person belongs to when it is not the workspace's own (Slack Connect): their
 * home team's id, named by `teamName` (team.info; the id when unknown).
 * @example externalTeamOf({ team_id: 'T2' }, 'T1') === 'T2'; externalTeamOf({ team_id: 'T1' }, 'T1') === undefined
 */
export function externalTeamOf(user: SlackUser, workspaceTeamId: string): string | undefined {
  return user.team_id && user.team_id !== workspaceTeamId ? user.team_id : undefined;
}

/**
 * A Slack user as the roster needs them.
 * @example toRosterMember(user, { workspaceTeamId: 'T1', teamName: (id) => names.get(id), toLocale })
 */
export function toRosterMember(
  user: SlackUser,
  context: {
    workspaceTeamId: string;
    /** The id the user was listed under, when the record lacks one. */
    id?: string;
    teamName: (teamId: string) => string | undefined;
    toLocale: (value: string) => Locale | undefined;
  },
): RosterMember {
  const id = user.id ?? context.id ?? '';
  const external = externalTeamOf(user, context.workspaceTeamId);
  const locale = user.locale ? context.toLocale(user.locale) : undefined;
  const isGuest = Boolean(user.is_restricted || user.is_ultra_restricted);
  return {
    user: { platform: 'slack', workspaceId: context.workspaceTeamId, userId: id },
    displayName: displayNameOf(user, id),
    isBot: Boolean(user.is_bot) || id === SLACKBOT,
    isDeactivated: Boolean(user.deleted),
    isPlatformAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
    ...(user.tz ? { timezone: user.tz } : {}),
    ...(locale ? { locale } : {}),
    ...(external ? { organization: { id: external, name: context.teamName(external) ?? external } } : {}),
    ...(isGuest ? { isGuest } : {}),
  };
}

/** What the event path needs of a person (an Actor's facts), from the same record. */
export function profileOf(
  user: SlackUser,
  id: string,
  workspaceTeamId: string,
  teamName: (teamId: string) => string | undefined,
): SlackProfile {
  const external = externalTeamOf(user, workspaceTeamId);
  const isGuest = Boolean(user.is_restricted || user.is_ultra_restricted);
  return {
    displayName: displayNameOf(user, id),
    isAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
    isBot: Boolean(user.is_bot) || id === SLACKBOT,
    timezone: user.tz,
    locale: user.locale,
    ...(external ? { organization: { id: external, name: teamName(external) ?? external } } : {}),
    ...(isGuest ? { isGuest } : {}),
  };
}

/**
 * Keeps only what Muster reads of a users.list record: a 5,000-person workspace held for an hour
 * should cost a few MB, not the megabytes of profile fields Slack sends.
 */
export function compactUser(user: SlackUser): SlackUser {
  const display = user.profile?.display_name;
  return {
    id: user.id,
    team_id: user.team_id,
    name: user.name,
    real_name: user.real_name || user.profile?.real_name,
    ...(user.deleted ? { deleted: true } : {}),
    tz: user.tz,
    locale: user.locale,
    ...(user.is_bot ? { is_bot: true } : {}),
    ...(user.is_admin ? { is_admin: true } : {}),
    ...(user.is_owner ? { is_owner: true } : {}),
    ...(user.is_primary_owner ? { is_primary_owner: true } : {}),
    ...(user.is_restricted ? { is_restricted: true } : {}),
    ...(user.is_ultra_restricted ? { is_ultra_restricted: true } : {}),
    ...(display ? { profile: { display_name: display } } : {}),
  };
}

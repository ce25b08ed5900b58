import type { CommandSpec } from '../../core/commands/define-command.js';
import type { Translator } from '../../core/i18n/catalog.js';
import { truncate } from '../../core/platform/text-split.js';

/** What Muster asks Slack for, and why (kept next to each scope so a reviewer can check them). */
export const BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // replies, prompts, summaries
  'chat:write.public', // post in public channels Muster serves without joining each first
  'im:write', // open DMs for alerts and digests
  'users:read', // everyone's profile in bulk (users.list): timezone, locale, admin, guest, home team
  'channels:read', // public channels' members (conversations.members, users.conversations), joins and leaves
  'groups:read', // the same in private channels
  'team:read', // a Slack Connect organisation's name (team.info)
  'channels:history', // messages in public channels (rules, activity)
  'groups:history', // messages in private channels
  'im:history', // messages sent to Muster directly
  'channels:manage', // conversations.kick in public channels (rules, inactive members)
  'groups:write', // conversations.kick in private channels
  'files:write', // exports (CSV) and digest charts
] as const;

export const BOT_EVENTS = [
  'message.channels',
  'message.groups',
  'message.im',
  'member_joined_channel',
  'member_left_channel',
  'app_home_opened',
] as const;

/**
 * The Slack app manifest, generated from the command registry so the app an admin creates always
 * matches the commands Muster answers. Socket Mode is on: no public URL is needed.
 */
export function buildSlackManifest(commands: readonly CommandSpec[], t: Translator) {
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Muster',
      description: t('slack.manifestDescription'),
      background_color: '#1d3557',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'Muster', always_online: true },
      slash_commands: commands.map((command) => ({
        command: `/${command.name}`,
        description: truncate(t(command.description), 100),
        usage_hint: truncate(command.subcommands.map((s) => s.name).join(' | '), 100),
        // Mentions arrive as <@U123|name>, the form the command parser reads.
        should_escape: true,
      })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}

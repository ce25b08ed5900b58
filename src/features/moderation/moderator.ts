import type { Clock } from '../../core/clock.js';
import type { Locale } from '../../core/i18n/locale.js';
import { conversationKey, type PlatformName } from '../../core/platform/ids.js';
import {
  type ChatPlatform,
  DeliveryError,
  MODERATION_CAPABILITY,
  type ModerationAction,
} from '../../core/platform/platform.js';
import type { Delivery, Logger } from '../../core/ports.js';
import { notifyAdmins } from '../people/notify-admins.js';
import type { PeopleRepo } from '../people/people.repo.js';

/** What became of a moderation action; the audit log records it as is. */
export type ModerationOutcome =
  | { status: 'done' }
  | { status: 'fallback'; reason: 'not_supported' | 'missing_permission' | 'failed'; error?: string };

export interface ModeratorDeps {
  platform(name: PlatformName): ChatPlatform | undefined;
  people: PeopleRepo;
  delivery: Delivery;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
}

function conversationOf(action: ModerationAction) {
  return action.kind === 'delete' ? action.message.conversation : action.conversation;
}

/**
 * Carries out moderation where the platform can, and falls back where it cannot: the group's
 * admins are told what Muster could not do and what to grant, so a rule is never silently toothless.
 * A missing permission is reported once a day per group and action, not once per message.
 * @example const outcome = await moderator.apply({ kind: 'delete', message, reason: 'Rule #2' })
 */
export class Moderator {
  constructor(private readonly deps: ModeratorDeps) {}

  /** Whether the platform can do this kind of action at all. */
  can(platform: PlatformName, kind: ModerationAction['kind']): boolean {
    return this.deps.platform(platform)?.capabilities[MODERATION_CAPABILITY[kind]] === true;
  }

  async apply(action: ModerationAction): Promise<ModerationOutcome> {
    const conversation = conversationOf(action);
    const platform = this.deps.platform(conversation.platform);
    if (!platform?.capabilities[MODERATION_CAPABILITY[action.kind]]) {
      await this.#alert(action, 'not_supported');
      return { status: 'fallback', reason: 'not_supported' };
    }
    try {
      await platform.moderate(action);
      return { status: 'done' };
    } catch (error) {
      const code = error instanceof Error ? error.message : String(error);
      const missing = error instanceof DeliveryError && error.missingPermission;
      const unsupported = error instanceof DeliveryError && code === 'not_supported';
      this.deps.logger.warn(
        { err: error, action: action.kind, group: conversationKey(conversation) },
        'moderation action failed',
      );
      const reason = missing ? 'missing_permission' : unsupported ? 'not_supported' : 'failed';
      await this.#alert(action, reason, code);
      return { status: 'fallback', reason, error: code };
    }
  }

  async #alert(
    action: ModerationAction,
    reason: 'not_supported' | 'missing_permission' | 'failed',
    error = '',
  ) {
    const conversation = conversationOf(action);
    const groupId = conversationKey(conversation);
    const now = this.deps.clock.now().toISOString();
    const user = action.kind === 'delete' ? '' : `<@${action.user.userId}>`;
    // Missing permissions repeat with every message until someone grants them: say it once a day.
    // What the platform cannot do at all (Slack deletes without an admin token) would DM the admins
    // for every message a rule catches in a busy group: once an hour, pointing at the full log.
    const dedupeKey =
      reason === 'missing_permission'
        ? `missing-permission:${groupId}:${action.kind}:${now.slice(0, 10)}`
        : reason === 'not_supported'
          ? `not-supported:${groupId}:${action.kind}:${now.slice(0, 13)}`
          : undefined;
    await notifyAdmins(
      this.deps,
      groupId,
      (t) => {
        const text = t(`moderation.fallback.${reason}`, {
          action: t(`moderation.action.${action.kind}`, { user }),
          channel: `<#${conversation.channelId}>`,
          permission: t(`moderation.permission.${conversation.platform}.${action.kind}`),
          reason: action.reason,
          error,
        });
        return { text: reason === 'not_supported' ? `${text}\n${t('moderation.fallback.hourly')}` : text };
      },
      dedupeKey,
    );
  }
}

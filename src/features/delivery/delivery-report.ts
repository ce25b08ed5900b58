import { translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { conversationKey, parseUserKey, workspaceKey } from '../../core/platform/ids.js';
import type { DeliveryTarget } from '../../core/platform/platform.js';
import type { Delivery } from '../../core/ports.js';
import { pickFirst } from '../people/people.domain.js';
import type { PeopleRepo } from '../people/people.repo.js';

const KNOWN_REASONS = ['not_in_channel', 'channel_not_found', 'is_archived'] as const;

/**
 * Tells a group's admins, in their language, that Muster could not post there, once per failed
 * message. Failed DMs are only logged and audited: a closed inbox is the recipient's choice, and
 * telling admins about each one would be noise.
 */
export function createDeliveryReporter(people: PeopleRepo, delivery: Delivery, defaultLocale: Locale) {
  return async (failed: { id: number; target: DeliveryTarget; error: string }): Promise<void> => {
    const { target } = failed;
    if (target.kind === 'dm') return;
    const groupId = conversationKey(target.conversation);
    const group = people.group(groupId);
    const reason = (KNOWN_REASONS as readonly string[]).includes(failed.error) ? failed.error : 'other';
    for (const admin of people.adminsOf(groupId, workspaceKey(target.conversation))) {
      const t = translator(
        pickFirst(admin.locale, admin.platformLocale, group?.locale, defaultLocale) as Locale,
      );
      const text = t('delivery.failed', {
        channel: `<#${target.conversation.channelId}>`,
        reason: t(`delivery.reason.${reason as (typeof KNOWN_REASONS)[number] | 'other'}`, {
          error: failed.error,
        }),
      });
      await delivery.send(
        target.conversation.platform,
        { kind: 'dm', user: parseUserKey(admin.id) },
        { text },
        {
          dedupeKey: `delivery-failed:${failed.id}:${admin.id}`,
        },
      );
    }
  };
}

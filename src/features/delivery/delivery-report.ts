import type { Locale } from '../../core/i18n/locale.js';
import { conversationKey } from '../../core/platform/ids.js';
import type { DeliveryTarget } from '../../core/platform/platform.js';
import type { Delivery } from '../../core/ports.js';
import { notifyAdmins } from '../people/notify-admins.js';
import type { PeopleRepo } from '../people/people.repo.js';

const KNOWN_REASONS = [
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'missing_permissions',
  'missing_access',
  'unknown_channel',
] as const;

/**
 * Tells a group's admins, in their language, that Muster could not post there, once per failed
 * message. Failed DMs are only logged and audited: a closed inbox is the recipient's choice, and
 * telling admins about each one would be noise.
 */
export function createDeliveryReporter(people: PeopleRepo, delivery: Delivery, defaultLocale: Locale) {
  return async (failed: { id: number; target: DeliveryTarget; error: string }): Promise<void> => {
    const { target } = failed;
    if (target.kind === 'dm') return;
    const reason = (KNOWN_REASONS as readonly string[]).includes(failed.error) ? failed.error : 'other';
    await notifyAdmins(
      { people, delivery, defaultLocale },
      conversationKey(target.conversation),
      (t) => ({
        text: t('delivery.failed', {
          channel: `<#${target.conversation.channelId}>`,
          reason: t(`delivery.reason.${reason as (typeof KNOWN_REASONS)[number] | 'other'}`, {
            error: failed.error,
          }),
        }),
      }),
      `delivery-failed:${failed.id}`,
    );
  };
}

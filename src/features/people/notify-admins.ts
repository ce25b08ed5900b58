import { type Translator, translator } from '../../core/i18n/catalog.js';
import type { Locale } from '../../core/i18n/locale.js';
import { parseConversationKey, parseUserKey, workspaceKey } from '../../core/platform/ids.js';
import type { OutboundMessage } from '../../core/platform/messages.js';
import type { Delivery } from '../../core/ports.js';
import { readerLocale } from './people.domain.js';
import type { PeopleRepo } from './people.repo.js';

/**
 * DMs each admin of a group, each in their own language. `dedupeKey` (per admin) makes the alert
 * go out once however often the cause repeats.
 * @example await notifyAdmins(deps, 'slack:T1:C1', (t) => ({ text: t('delivery.failed', …) }), 'delivery-failed:7')
 */
export async function notifyAdmins(
  deps: { people: PeopleRepo; delivery: Delivery; defaultLocale: Locale },
  groupId: string,
  build: (t: Translator) => OutboundMessage,
  dedupeKey?: string,
): Promise<number> {
  const conversation = parseConversationKey(groupId);
  const group = deps.people.group(groupId);
  const admins = deps.people.adminsOf(groupId, workspaceKey(conversation));
  for (const admin of admins) {
    const t = translator(readerLocale(admin, group, deps.defaultLocale));
    await deps.delivery.send(
      conversation.platform,
      { kind: 'dm', user: parseUserKey(admin.id) },
      build(t),
      dedupeKey ? { dedupeKey: `${dedupeKey}:${admin.id}` } : {},
    );
  }
  return admins.length;
}

import type { Translator } from '../../core/i18n/catalog.js';
import type { OutboundMessage } from '../../core/platform/messages.js';
import { customerDisplayName, customerKey, nearCustomers } from './feedback.customers.js';
import type { CustomerRow, FeedbackRepo } from './feedback.repo.js';

/** The button that adds a customer, named as typed, once its author confirmed it is a new one. */
export const CUSTOMER_CREATE = 'feedback.customer.create';

/**
 * Customers named close to a typed name that is no customer yet (a bracket, a space or a slip
 * away), so the person is asked before a second customer is made for the same company. Empty when
 * the name is a customer, or nothing is close.
 */
export function nearMatchesOfNew(
  repo: Pick<FeedbackRepo, 'customerByKey' | 'customersOf'>,
  workspaceId: string,
  typed: string | undefined,
): CustomerRow[] {
  const key = customerKey(typed ?? '');
  if (key === '' || repo.customerByKey(workspaceId, key)) return [];
  return nearCustomers(key, repo.customersOf(workspaceId));
}

/**
 * The question when a typed customer is close to known ones: nothing was recorded, the near names,
 * and a button that adds the new customer (the person then sends the same line again).
 * @example newCustomerQuestion(t, '北京星辰科技', [{ name: '北京星辰科技(中国)', … }])
 *          → text 'No customer is named “北京星辰科技” yet, but these are close: “北京星辰科技(中国)”. …'
 */
export function newCustomerQuestion(
  t: Translator,
  typed: string,
  near: readonly CustomerRow[],
): OutboundMessage {
  const customer = customerDisplayName(typed);
  const text = t('feedback.customer.near', {
    customer,
    names: near.map((c) => t('feedback.customer.quoted', { name: c.name })).join(t('list.separator')),
  });
  return {
    text,
    blocks: [
      { type: 'section', text },
      {
        type: 'buttons',
        buttons: [
          {
            actionId: CUSTOMER_CREATE,
            label: t('feedback.customer.createButton', { customer }),
            value: typed.trim(),
          },
        ],
      },
    ],
  };
}

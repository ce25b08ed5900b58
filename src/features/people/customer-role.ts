import { wordTable } from '../../core/word-table.js';

/** What `/muster settings customer-role …` asks for. */
export type CustomerRoleRequest =
  | { kind: 'set'; roleId: string; customerName: string | undefined }
  | { kind: 'clear'; roleId: string }
  | { kind: 'invalid' };

const CLEAR_WORDS = wordTable(
  Object.fromEntries(
    ['off', 'none', 'remove', 'clear', '关闭', '取消', '移除', '删除'].map((w) => [w, true]),
  ),
);
/** A platform role mention: Discord writes a role picked in a text option as `<@&id>`. */
const ROLE_MENTION = /^<@&(\d{1,25})>$/u;

/**
 * Reads `@Role [customer name]`, or `off @Role` to stop treating a role as the customer's.
 * @example parseCustomerRole('<@&42> Acme Ltd') → { kind: 'set', roleId: '42', customerName: 'Acme Ltd' }
 * @example parseCustomerRole('关闭 <@&42>') → { kind: 'clear', roleId: '42' }
 */
export function parseCustomerRole(value: string): CustomerRoleRequest {
  const words = value
    .trim()
    .split(/[\s\u3000]+/u)
    .filter(Boolean);
  const clear = words[0] !== undefined && CLEAR_WORDS[words[0].toLowerCase()] === true;
  const [mention, ...rest] = clear ? words.slice(1) : words;
  const roleId = mention ? ROLE_MENTION.exec(mention)?.[1] : undefined;
  if (!roleId || (clear && rest.length > 0)) return { kind: 'invalid' };
  if (clear) return { kind: 'clear', roleId };
  const customerName = rest.join(' ').trim();
  return { kind: 'set', roleId, customerName: customerName || undefined };
}

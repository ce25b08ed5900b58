import { parseWorkspaceKey, userKey } from '../platform/ids.js';
import type { HandlerContext } from './define-command.js';

/**
 * The actor's member id in the workspace the request acts in. Usually their own key; from a
 * Discord DM (a conversation of no server) it is the same person in the item's server.
 * @example memberKey(ctx) === 'discord:G1:42' for a click in a DM on an item of server G1
 */
export function memberKey(ctx: HandlerContext): string {
  const { workspaceId } = parseWorkspaceKey(ctx.workspaceId);
  return userKey({ ...ctx.actor.user, workspaceId });
}

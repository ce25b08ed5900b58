import type { Target } from './define-command.js';

/**
 * The target of an item found in a group, or undefined when there is no such item (the handler
 * then says so in its own words).
 * @example target: ({ id }) => groupTarget(service.itemGroup(id))
 */
export function groupTarget(groupId: string | null | undefined): Target | undefined {
  return groupId ? { groupId } : undefined;
}

/**
 * A workspace-wide item (a rule that applies to every group) is acted on at the workspace's
 * level; a group's item in its group.
 * @example target: ({ id }) => itemTarget(rule && { groupId: rule.groupId, workspaceId: rule.workspaceId })
 */
export function itemTarget(
  item: { groupId: string | null; workspaceId: string } | undefined,
): Target | undefined {
  if (!item) return undefined;
  return item.groupId ? { groupId: item.groupId } : { workspaceId: item.workspaceId };
}

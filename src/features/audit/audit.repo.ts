import { sql } from 'drizzle-orm';
import { parseConversationKey, workspaceKey } from '../../core/platform/ids.js';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

export interface AuditEntry {
  workspaceId: string;
  groupId?: string | undefined;
  actorId?: string | undefined;
  action: string;
  targetId?: string | undefined;
  details: Record<string, unknown>;
  at: Date;
}

function prepareInsert(db: Db) {
  return db
    .insert(auditLog)
    .values({
      workspaceId: sql.placeholder('workspaceId'),
      groupId: sql.placeholder('groupId'),
      actorId: sql.placeholder('actorId'),
      action: sql.placeholder('action'),
      targetId: sql.placeholder('targetId'),
      details: sql.placeholder('details'),
      at: sql.placeholder('at'),
    })
    .prepare();
}

// Enforcement writes an entry per hit; the statement is prepared once per database.
const inserts = new WeakMap<Db, ReturnType<typeof prepareInsert>>();

/** Appends to the audit log; call inside the transaction that made the change. */
export function recordAudit(db: Db, entry: AuditEntry): void {
  let insert = inserts.get(db);
  if (!insert) {
    insert = prepareInsert(db);
    inserts.set(db, insert);
  }
  insert.run({
    workspaceId: entry.workspaceId,
    groupId: entry.groupId ?? null,
    actorId: entry.actorId ?? null,
    action: entry.action,
    targetId: entry.targetId ?? null,
    details: entry.details,
    at: entry.at,
  });
}

/** An entry about a group; its workspace is the one the group's key names. */
export function recordGroupAudit(db: Db, entry: Omit<AuditEntry, 'workspaceId'> & { groupId: string }): void {
  recordAudit(db, { ...entry, workspaceId: workspaceKey(parseConversationKey(entry.groupId)) });
}

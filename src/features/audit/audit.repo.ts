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

/** Appends to the audit log; call inside the transaction that made the change. */
export function recordAudit(db: Db, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      workspaceId: entry.workspaceId,
      groupId: entry.groupId ?? null,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetId: entry.targetId ?? null,
      details: entry.details,
      at: entry.at,
    })
    .run();
}

import "server-only";
import type { Tx } from "../client";
import { auditLog } from "../schema";

export interface AuditRecord {
  actorId: string | null;
  /** What was done, as area.verb: "user.create", "auth.sign_in_failed". */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  context?: Record<string, unknown>;
}

/** Appends one audit row. Always called with the transaction of the change it describes. */
export async function recordAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: record.actorId,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
    context: record.context ?? null,
  });
}

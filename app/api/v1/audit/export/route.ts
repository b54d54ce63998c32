import { getDb, type Db } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { loadAuditMetrics } from "@/db/queries/audit-metrics";
import { auditMeasuresCsv, auditReferralsCsv } from "@/lib/audit/csv";
import { callerOf, readQuery } from "@/lib/api/request";
import { csvAttachment } from "@/lib/server/csv-response";
import { defineRoute } from "@/lib/server/route";
import { auditExportQuery, auditPeriodOf, auditPeriodSearchParams } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";

/**
 * The audit of a period as CSV: the measures (`dataset=measures`, the default) or the referral-level data set
 * (`dataset=referrals`). Who exported which data set of which period, and the referrals it held, is written to the
 * audit trail in the same transaction as the read.
 */
export const GET = defineRoute("/api/v1/audit/export", "GET", async (ctx) => {
  const { actor } = callerOf(ctx);
  const query = readQuery(ctx.request, auditExportQuery);
  const now = new Date();
  const period = auditPeriodOf(query, now);
  const metrics = await getDb().transaction(async (tx) => {
    const found = await loadAuditMetrics({ period, now, db: tx as unknown as Db });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `audit.export_${query.dataset}_csv`,
      entityType: "audit",
      after: { dataset: query.dataset, period: auditPeriodSearchParams(period).toString(), rows: query.dataset === "measures" ? found.measures.length : found.rows.length, referralIds: found.referralIds },
      context: actor.apiTokenId ? { via: "api_token", apiTokenId: actor.apiTokenId } : undefined,
    });
    return found;
  });
  const csv = query.dataset === "measures" ? auditMeasuresCsv(metrics) : auditReferralsCsv(metrics);
  return csvAttachment(csv, `mscc-audit-${query.dataset}-${period.from}-to-${period.to}`, now);
});

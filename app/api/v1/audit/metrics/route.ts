import { loadAuditMetrics } from "@/db/queries/audit-metrics";
import { auditMetricsToJson } from "@/lib/api/audit";
import { callerOf, readQuery } from "@/lib/api/request";
import { defineRoute, json } from "@/lib/server/route";
import { auditPeriodOf, auditPeriodQuery } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";

/** The QS56 audit of a period: the same metrics object the audit page shows, computed now. */
export const GET = defineRoute("/api/v1/audit/metrics", "GET", async (ctx) => {
  callerOf(ctx);
  const query = readQuery(ctx.request, auditPeriodQuery);
  const now = new Date();
  return json(auditMetricsToJson(await loadAuditMetrics({ period: auditPeriodOf(query, now), now })));
});

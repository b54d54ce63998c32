import { getDb, type Db } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { queryWholeWorklist } from "@/db/queries/worklist";
import { callerOf, readQuery } from "@/lib/api/request";
import { worklistItemToJson } from "@/lib/api/worklist";
import { csvAttachment } from "@/lib/server/csv-response";
import { defineRoute } from "@/lib/server/route";
import { worklistCsv } from "@/lib/worklist/csv";
import { defaultViewFor, worklistQuery, worklistSearchParams } from "@/lib/validation/worklist";

export const dynamic = "force-dynamic";

/**
 * The whole filtered worklist as CSV (every row, not one page), in the worklist's order. Who exported what, with
 * which filters and how many rows, is written to the audit trail in the same transaction as the read.
 */
export const GET = defineRoute("/api/v1/worklist/export", "GET", async (ctx) => {
  const { user, actor } = callerOf(ctx);
  const query = readQuery(ctx.request, worklistQuery);
  const view = query.view ?? defaultViewFor(user.role);
  const now = new Date();
  const rows = await getDb().transaction(async (tx) => {
    const found = await queryWholeWorklist(query, { userId: user.id, role: user.role, view }, now, tx as unknown as Db);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "worklist.export_csv",
      entityType: "worklist",
      after: { rows: found.length, view, filters: worklistSearchParams({ ...query, page: 1 }).toString(), referralIds: found.map((r) => r.id) },
      context: actor.apiTokenId ? { via: "api_token", apiTokenId: actor.apiTokenId } : undefined,
    });
    return found;
  });
  const csv = worklistCsv(
    rows.map((row) => worklistItemToJson(row, { now, ward: query.ward ?? false })),
    now.getTime(),
  );
  return csvAttachment(csv, "mscc-worklist", now);
});

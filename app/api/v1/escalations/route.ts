import { listEscalationsWaitingFor } from "@/db/queries/escalations";
import { callerOf } from "@/lib/api/request";
import { escalationsToJson } from "@/lib/api/escalations";
import { defineRoute, json } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The escalations waiting for the caller's acknowledgement, deadline first: what the alert on every page shows. */
export const GET = defineRoute("/api/v1/escalations", "GET", async (ctx) => {
  const { user } = callerOf(ctx);
  return json(escalationsToJson(await listEscalationsWaitingFor({ userId: user.id, role: user.role }), new Date()));
});

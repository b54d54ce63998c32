import { loadWorklist } from "@/db/queries/worklist";
import { callerOf, readQuery } from "@/lib/api/request";
import { defineRoute, json } from "@/lib/server/route";
import { worklistQuery } from "@/lib/validation/worklist";

export const dynamic = "force-dynamic";

/** A page of the live worklist, sorted, filtered and counted on the server; the same query string as the page's URL. */
export const GET = defineRoute("/api/v1/worklist", "GET", async (ctx) => {
  const { user } = callerOf(ctx);
  const query = readQuery(ctx.request, worklistQuery);
  return json(await loadWorklist(query, user, new Date()));
});

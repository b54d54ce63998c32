import { loadDischargeBoard } from "@/db/queries/discharge-board";
import { readQuery } from "@/lib/api/request";
import { defineRoute, json } from "@/lib/server/route";
import { dischargeBoardQuery } from "@/lib/validation/discharge-board";

export const dynamic = "force-dynamic";

/** A page of the discharge board, sorted, filtered and counted on the server; the same query string as the page's URL. */
export const GET = defineRoute("/api/v1/discharge-board", "GET", async (ctx) => {
  const query = readQuery(ctx.request, dischargeBoardQuery);
  return json(await loadDischargeBoard(query, new Date()));
});

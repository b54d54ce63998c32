import { NextResponse } from "next/server";
import { checkDatabase } from "@/db/queries/health";
import { defineRoute } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export const GET = defineRoute("/api/health", "GET", async () => {
  const { engine, reachable } = await checkDatabase();
  return NextResponse.json(
    { status: reachable ? "ok" : "unavailable", database: engine },
    { status: reachable ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
});

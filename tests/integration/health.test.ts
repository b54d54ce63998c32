import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { getDatabase, openDatabase } from "@/db/client";
import { checkDatabase } from "@/db/queries/health";
import { parseEnv } from "@/lib/env";

describe(`GET /api/health on ${getDatabase().engine}`, () => {
  it("answers 200 with the engine in use", async () => {
    const response = await GET(new Request("http://localhost/api/health"), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: getDatabase().engine });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("reports a database that cannot be reached, within its timeout", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    const unreachable = openDatabase(parseEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }));
    const started = Date.now();
    const result = await checkDatabase(() => unreachable);
    expect(result).toEqual({ engine: "postgres", reachable: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    await unreachable.close();
  });
});

import "server-only";
import { sql } from "drizzle-orm";
import { databaseEngine } from "@/lib/env";
import { describeErrorForLog } from "@/lib/errors";
import { getDatabase, type DatabaseEngine, type DatabaseHandle } from "../client";

const TIMEOUT_MS = 3_000;

export async function checkDatabase(open: () => DatabaseHandle = getDatabase): Promise<{ engine: DatabaseEngine; reachable: boolean }> {
  let engine: DatabaseEngine = databaseEngine();
  try {
    const handle = open();
    engine = handle.engine;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("health check timed out")), TIMEOUT_MS);
    });
    await Promise.race([handle.db.execute(sql`select 1`), timeout]).finally(() => clearTimeout(timer));
    return { engine, reachable: true };
  } catch (error) {
    console.error(`[health] database unreachable: ${describeErrorForLog(error)}`);
    return { engine, reachable: false };
  }
}

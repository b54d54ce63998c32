import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll } from "vitest";

/**
 * Each integration test file gets a fresh, migrated database of its own: embedded PGlite in memory by
 * default (a copy of the run's migrated database, global-setup.ts), or, when DATABASE_URL is set, a new PostgreSQL database on that server, dropped afterwards.
 * The same tests therefore run on both engines.
 */
const serverUrl = process.env.TEST_SERVER_DATABASE_URL ?? process.env.DATABASE_URL;
let dropDatabase: (() => Promise<void>) | undefined;

process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("hex");
// OpenID Connect configured (to a provider that is never contacted), so its callbacks are tested as deployed.
process.env.OIDC_ISSUER = "https://login.example.test/tenant/v2.0";
process.env.OIDC_CLIENT_ID = "mscc-integration-tests";
process.env.OIDC_CLIENT_SECRET = "not-a-real-secret";

if (serverUrl) {
  process.env.TEST_SERVER_DATABASE_URL = serverUrl;
  const name = `mscc_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
} else {
  process.env.MSCC_DATA_DIR = "memory://";
}

const { adoptDatabase, getDatabase, closeDatabase } = await import("@/db/client");
const { migrateDatabase } = await import("@/db/migrate");
if (serverUrl) await migrateDatabase(getDatabase(), process.env.DATABASE_URL);
else adoptDatabase(await (await import("./embedded-template")).openMigratedEmbedded("memory://"));

afterAll(async () => {
  await closeDatabase();
  await dropDatabase?.();
});

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db/client";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/auth/passwords";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const engine = getDatabase().engine;
// Embedded: the script works on a data directory of its own; PostgreSQL: on this file's fresh database.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mscc-user-create-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function userCreate(args: string[], password: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, MSCC_USER_PASSWORD: password, MSCC_DATA_DIR: dataDir, NODE_ENV: "test" };
  if (engine === "embedded") delete env.DATABASE_URL;
  return run(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/user-create.ts", ...args], { cwd: root, env });
}

describe(`npm run user:create on ${engine}`, () => {
  it("creates the first admin on an empty database (migrating it first), who can then sign in", async () => {
    const { stdout } = await userCreate(["--email", "First.Admin@Trust.test", "--name", "First Admin", "--role", "admin"], "a strong first password");
    expect(stdout).toMatch(/Created admin first\.admin@trust\.test \([0-9a-f-]{36}\) in the (embedded|postgres) database/);

    if (engine === "postgres") {
      const result = await authenticateWithPassword({ email: "first.admin@trust.test", password: "a strong first password" });
      expect(result).toMatchObject({ ok: true, user: { role: "admin", name: "First Admin" } });
    } else {
      const db = new PGlite(dataDir);
      const { rows } = await db.query<{ role: string; password_hash: string }>("select role, password_hash from users where email = $1", ["first.admin@trust.test"]);
      const audit = await db.query<{ action: string }>("select action from audit_log where action = 'user.create'");
      await db.close();
      expect(rows[0]?.role).toBe("admin");
      expect(await verifyPassword(rows[0]?.password_hash ?? null, "a strong first password")).toBe(true);
      expect(audit.rows).toHaveLength(1);
    }
  }, 60_000);

  it("refuses bad input with a reason per field and exit code 2, creating nothing", async () => {
    const failure = await userCreate(["--email", "not-an-email", "--name", "X", "--role", "superuser"], "short").catch((e: unknown) => e as { code: number; stderr: string });
    expect(failure).toMatchObject({ code: 2 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain("email: Enter an email address like name@nhs.net");
    expect(stderr).toContain("role: Choose a role");
    expect(stderr).toContain("password: The password must be at least 12 characters");
  }, 60_000);
});

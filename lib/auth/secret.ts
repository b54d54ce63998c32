import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The key that signs session tokens. In production it must come from NEXTAUTH_SECRET. On a developer's
 * machine, so that `npm run dev` needs no setup, a random one is made once and kept in the data directory
 * (never in the repository).
 */
export function resolveAuthSecret(): string {
  const e = env();
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET is not set: generate one with `openssl rand -base64 48` and set it in the environment.");
  }
  const dir = e.MSCC_DATA_DIR.startsWith("memory://") ? path.resolve(".data") : path.resolve(e.MSCC_DATA_DIR);
  const file = path.join(dir, "dev-auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true });
    const secret = crypto.randomBytes(48).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}

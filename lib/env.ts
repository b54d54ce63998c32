import { z } from "zod";

/** This machine, by any of its usual names: plain http is acceptable only to it (a local build, a local relay). */
export function isLoopbackHost(hostname: string): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}

/**
 * Every environment variable the app reads, checked once. The README's table is written from this list.
 * Secrets come only from here; nothing secret is hard-coded.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    MSCC_DATA_DIR: z.string().min(1).default(".data"),
    MSCC_DEMO_DATA: z.enum(["auto", "on", "off"]).default("auto"),
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.string().url().optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_DISPLAY_NAME: z.string().min(1).default("NHS CIS2"),
    OIDC_SCOPE: z.string().min(1).default("openid email profile"),
    // The key the escalation webhook is signed with (HMAC-SHA256); the address is an admin setting.
    MSCC_WEBHOOK_SECRET: z.string().min(32, "MSCC_WEBHOOK_SECRET must be at least 32 characters").optional(),
    // How often each instance looks for escalations past their deadline and webhook calls to make.
    MSCC_JOBS_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(300).default(5),
  })
  .superRefine((v, ctx) => {
    // In production the public address decides secure cookies and the OIDC redirect: it must be given, and
    // be HTTPS unless it is this machine (a local production build, as the browser tests run).
    if (v.NODE_ENV === "production") {
      const local = v.NEXTAUTH_URL ? isLoopbackHost(new URL(v.NEXTAUTH_URL).hostname) : false;
      if (!v.NEXTAUTH_URL) ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "NEXTAUTH_URL must be set in production, e.g. https://mscc.trust.nhs.uk" });
      else if (!v.NEXTAUTH_URL.startsWith("https://") && !local) {
        ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "NEXTAUTH_URL must use https:// in production (session cookies are only secure over HTTPS)" });
      }
    }
    const oidc = [v.OIDC_ISSUER, v.OIDC_CLIENT_ID, v.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OpenID Connect needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
      });
    }
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings from .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The checked environment. Read lazily so tests and scripts can set variables before first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function databaseEngine(e: Env = env()): "embedded" | "postgres" {
  return e.DATABASE_URL ? "postgres" : "embedded";
}

export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

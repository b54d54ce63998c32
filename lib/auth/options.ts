import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { findUserById, findUserByOidcIdentity } from "@/db/queries/users";
import { env, oidcEnabled } from "@/lib/env";
import { describeErrorForLog } from "@/lib/errors";
import { authenticateWithPassword } from "./credentials";
import { authCookies, servedOverHttps } from "./cookies";
import { resolveOidcIdentity } from "./oidc";
import { resolveAuthSecret } from "./secret";

export const OIDC_PROVIDER_ID = "oidc";

/** Codes the sign-in page turns into messages; next-auth passes a thrown message back to it as `error`. */
export const SIGN_IN_ERROR = { locked: "locked", oidcNoAccount: "oidc_no_account", unavailable: "unavailable" } as const;

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

function oidcIssuer(): string {
  return (env().OIDC_ISSUER as string).replace(/\/$/, "");
}

/**
 * An optional OpenID Connect provider (NHS CIS2, Microsoft Entra ID), configured only by environment
 * variables. It signs in existing, active users (lib/auth/oidc.ts); it never creates accounts.
 */
function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: OIDC_PROVIDER_ID,
    name: e.OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${oidcIssuer()}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: e.OIDC_SCOPE } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
    },
  };
}

/**
 * next-auth turns whatever a callback throws into an `error=` in the sign-in page's address: a database
 * failure would put its text (with the email typed) in the URL. So failures are logged here, safely, and
 * only a fixed code goes to the browser.
 */
async function guarded<T>(where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${SIGN_IN_ERROR.locked}:`)) throw error;
    console.error(`[auth] ${where} failed: ${describeErrorForLog(error)}`);
    throw new Error(SIGN_IN_ERROR.unavailable);
  }
}

async function auditOutsideTransaction(record: Parameters<typeof recordAudit>[1]): Promise<void> {
  await getDb().transaction((tx) => recordAudit(tx, record));
}

function buildAuthOptions(): NextAuthOptions {
  const idleSeconds = Math.round(env().SESSION_IDLE_MINUTES * 60);
  return {
    secret: resolveAuthSecret(),
    // The token expires idleSeconds after it was last renewed; the browser renews it only on activity
    // (components/shell/idle-guard.tsx), so an unattended screen is signed out on the server too.
    session: { strategy: "jwt", maxAge: idleSeconds, updateAge: 0 },
    jwt: { maxAge: idleSeconds },
    // Decided by the configured public address, not by each request, so every instance names its cookies alike.
    useSecureCookies: servedOverHttps(env().NEXTAUTH_URL),
    cookies: authCookies(env().NEXTAUTH_URL),
    pages: { signIn: "/signin", error: "/signin" },
    // next-auth logs whole stacks (and, at debug, tokens); a code is enough, and an expired session is routine.
    logger: {
      error(code) {
        if (code !== "JWT_SESSION_ERROR") console.error(`[auth] ${code}`);
      },
      warn(code) {
        console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials) =>
          guarded("password sign-in", async () => {
            const result = await authenticateWithPassword({ email: credentials?.email ?? "", password: credentials?.password ?? "" });
            if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
            if (result.reason === "locked") throw new Error(`${SIGN_IN_ERROR.locked}:${result.until.toISOString()}`);
            return null;
          }),
      }),
      ...(oidcEnabled() ? [oidcProvider()] : []),
    ],
    callbacks: {
      signIn: ({ user, account, profile }) =>
        guarded("OIDC sign-in", async () => {
          if (account?.provider !== OIDC_PROVIDER_ID) return true;
          const claims = profile as Partial<OidcProfile> | undefined;
          const result = await resolveOidcIdentity({
            issuer: oidcIssuer(),
            subject: account.providerAccountId,
            email: user.email ?? null,
            emailVerified: typeof claims?.email_verified === "boolean" ? claims.email_verified : undefined,
          });
          return result.ok ? true : `/signin?error=${SIGN_IN_ERROR.oidcNoAccount}`;
        }),
      jwt: ({ token, user, account }) =>
        guarded("session token", async () => {
          if (!user) return token;
          // At sign-in: our user id (for OIDC the provider's subject is not ours) and the role at that moment.
          // The role here is informative only; every request re-reads the user (lib/auth/session.ts).
          const local =
            account?.provider === OIDC_PROVIDER_ID
              ? await findUserByOidcIdentity({ issuer: oidcIssuer(), subject: account.providerAccountId })
              : await findUserById({ id: user.id });
          if (!local) throw new Error("signed-in user not found");
          return { ...token, sub: local.id, role: local.role };
        }),
      async session({ session, token }) {
        return { ...session, user: { id: token.sub ?? "", name: session.user?.name ?? null, email: session.user?.email ?? null } };
      },
    },
    events: {
      async signIn({ account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return; // password sign-ins are audited with their attempt
        await guarded("OIDC sign-in audit", async () => {
          const local = await findUserByOidcIdentity({ issuer: oidcIssuer(), subject: account.providerAccountId });
          if (local) await auditOutsideTransaction({ actorId: local.id, action: "auth.sign_in", entityType: "user", entityId: local.id, context: { method: "oidc" } });
          else console.error("[auth] OIDC sign-in audit: no account is linked to this identity");
        });
      },
      async signOut({ token }) {
        const id = token?.sub;
        if (id) await guarded("sign-out audit", () => auditOutsideTransaction({ actorId: id, action: "auth.sign_out", entityType: "user", entityId: id }));
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

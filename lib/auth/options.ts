import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { findUserCredentialsByEmail } from "@/db/queries/users";
import { env, oidcEnabled } from "@/lib/env";
import { authenticateWithPassword, normaliseEmail } from "./credentials";
import { resolveAuthSecret } from "./secret";

export const OIDC_PROVIDER_ID = "oidc";

/** Shown on the sign-in page; next-auth passes the thrown message back to it as `error`. */
export const SIGN_IN_ERROR = { locked: "locked", oidcNoAccount: "oidc_no_account" } as const;

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
}

/**
 * An optional OpenID Connect provider (NHS CIS2, Microsoft Entra ID), configured only by environment
 * variables. It signs in existing, active users matched by email; it never creates accounts.
 */
function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  const issuer = (e.OIDC_ISSUER as string).replace(/\/$/, "");
  return {
    id: OIDC_PROVIDER_ID,
    name: e.OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: e.OIDC_SCOPE } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? profile.preferred_username ?? null, name: profile.name ?? null };
    },
  };
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
        async authorize(credentials) {
          const result = await authenticateWithPassword({ email: credentials?.email ?? "", password: credentials?.password ?? "" });
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          if (result.reason === "locked") throw new Error(`${SIGN_IN_ERROR.locked}:${result.until.toISOString()}`);
          return null;
        },
      }),
      ...(oidcEnabled() ? [oidcProvider()] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const email = normaliseEmail(user.email ?? "");
        const local = email ? await findUserCredentialsByEmail({ email }) : null;
        if (local?.active) return true;
        await auditOutsideTransaction({
          actorId: null,
          action: "auth.sign_in_failed",
          entityType: "user",
          entityId: local?.id ?? null,
          context: { email, method: "oidc", reason: local ? "deactivated" : "unknown_account" },
        });
        return `/signin?error=${SIGN_IN_ERROR.oidcNoAccount}`;
      },
      async jwt({ token, user, account }) {
        // On OIDC sign-in the subject is the identity provider's; ours is the matched user's id.
        if (user && account?.provider === OIDC_PROVIDER_ID) {
          const local = await findUserCredentialsByEmail({ email: normaliseEmail(user.email ?? "") });
          if (local) token.sub = local.id;
        }
        return token;
      },
      async session({ session, token }) {
        // Only the id travels; name and role are re-read from the database on every request.
        return { ...session, user: { id: token.sub ?? "", name: session.user?.name ?? null, email: session.user?.email ?? null } };
      },
    },
    events: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return; // password sign-ins are audited with their attempt
        const local = await findUserCredentialsByEmail({ email: normaliseEmail(user.email ?? "") });
        if (local) await auditOutsideTransaction({ actorId: local.id, action: "auth.sign_in", entityType: "user", entityId: local.id, context: { method: "oidc" } });
      },
      async signOut({ token }) {
        const id = token?.sub;
        if (id) await auditOutsideTransaction({ actorId: id, action: "auth.sign_out", entityType: "user", entityId: id });
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

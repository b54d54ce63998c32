import "server-only";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { linkOidcIdentity } from "@/db/mutations/users";
import { findUserByEmail, findUserByOidcIdentity } from "@/db/queries/users";
import { normaliseEmail } from "@/lib/validation/email";

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** The provider's email_verified claim; absent (undefined) when the provider does not send it. */
  emailVerified: boolean | undefined;
}

export type OidcResolution = { ok: true; userId: string } | { ok: false; reason: "unknown_account" | "deactivated" | "identity_mismatch" | "email_unverified" };

/**
 * Which account an OpenID Connect identity signs in as. An identity already pinned to an account signs in
 * as that account. Otherwise an active account with the same email (from the provider's `email` claim, not
 * one it marks unverified) is pinned to this identity and signed in; an account already pinned to another
 * identity is refused, so someone who later presents the same email at the provider cannot take it over.
 * Accounts are never created here: an administrator creates them.
 */
export async function resolveOidcIdentity(identity: OidcIdentity): Promise<OidcResolution> {
  const pinned = await findUserByOidcIdentity({ issuer: identity.issuer, subject: identity.subject });
  if (pinned) return pinned.active ? { ok: true, userId: pinned.id } : refuse(identity, pinned.id, "deactivated");

  const email = identity.email ? normaliseEmail(identity.email) : "";
  if (!email) return refuse(identity, null, "unknown_account");
  if (identity.emailVerified === false) return refuse(identity, null, "email_unverified");
  const account = await findUserByEmail({ email });
  if (!account) return refuse(identity, null, "unknown_account");
  if (!account.active) return refuse(identity, account.id, "deactivated");
  if (account.oidcSubject !== null) return refuse(identity, account.id, "identity_mismatch");

  await getDb().transaction((tx) => linkOidcIdentity(tx, { userId: account.id, issuer: identity.issuer, subject: identity.subject }));
  return { ok: true, userId: account.id };
}

async function refuse(identity: OidcIdentity, userId: string | null, reason: Exclude<OidcResolution, { ok: true }>["reason"]): Promise<OidcResolution> {
  await getDb().transaction((tx) =>
    recordAudit(tx, {
      actorId: null,
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: userId,
      context: { email: identity.email ? normaliseEmail(identity.email) : null, method: "oidc", reason },
    }),
  );
  return { ok: false, reason };
}

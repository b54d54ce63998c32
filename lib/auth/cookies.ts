import type { CookieOption, CookiesOptions } from "next-auth";

/**
 * next-auth's cookies, spelled out so the flags can be read and tested here: every one HttpOnly (no script reads
 * them; the browser code asks /api/auth/csrf for the token), SameSite=Lax (sent on a top-level return from the
 * OpenID Connect provider, never on a cross-site POST), and over HTTPS Secure with the prefix that makes the
 * browser enforce it: __Host- for the CSRF token (this host only, path /), __Secure- for the rest.
 */

const SESSION_COOKIE = "next-auth.session-token";

/** The session cookie under both of its names: proxy.ts looks for either before letting a page render. */
export const SESSION_COOKIE_NAMES = [SESSION_COOKIE, `__Secure-${SESSION_COOKIE}`] as const;

/** The public address (NEXTAUTH_URL) is HTTPS: next-auth's own rule for secure cookies. */
export function servedOverHttps(publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith("https://") ?? false;
}

export function authCookies(publicUrl: string | undefined): CookiesOptions {
  const secure = servedOverHttps(publicUrl);
  const prefix = secure ? "__Secure-" : "";
  // OAuth checks live for the round trip to the provider only.
  const checkMaxAgeSeconds = 15 * 60;
  const cookie = (name: string, maxAge?: number): CookieOption => ({
    name,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure, ...(maxAge === undefined ? {} : { maxAge }) },
  });
  return {
    sessionToken: cookie(secure ? SESSION_COOKIE_NAMES[1] : SESSION_COOKIE_NAMES[0]),
    callbackUrl: cookie(`${prefix}next-auth.callback-url`),
    csrfToken: cookie(`${secure ? "__Host-" : ""}next-auth.csrf-token`),
    pkceCodeVerifier: cookie(`${prefix}next-auth.pkce.code_verifier`, checkMaxAgeSeconds),
    state: cookie(`${prefix}next-auth.state`, checkMaxAgeSeconds),
    nonce: cookie(`${prefix}next-auth.nonce`),
  };
}

/**
 * The Content-Security-Policy of every page, built per request around a fresh nonce (proxy.ts sets it on the
 * request, where Next reads the nonce and puts it on its own scripts, and on the response). No inline script
 * runs without the nonce, and 'strict-dynamic' lets only scripts those load load more.
 */

export interface PagePolicyOptions {
  nonce: string;
  /** `next dev` only: React rebuilds server error stacks in the browser with eval. Never in a production build. */
  development: boolean;
  /** The public address is HTTPS: ask the browser to upgrade any http:// subresource rather than load it in clear. */
  https: boolean;
}

/** A fresh, unguessable nonce: 16 random bytes, base64 (the characters a CSP nonce-source allows). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function buildPagePolicy({ nonce, development, https }: PagePolicyOptions): string {
  const directives: string[] = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React renders `style={{...}}` as style attributes, which a nonce cannot cover; styles cannot run code.
    // No nonce here on purpose: a nonce in style-src would make the browser ignore 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The live worklist's server-sent events (/api/stream) and every fetch go to this site only.
    "connect-src 'self'",
    // The escalation alert's sound is synthesised with Web Audio (components/escalation/escalation-alert.tsx),
    // which fetches nothing; no audio or video file comes from anywhere else.
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

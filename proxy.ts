import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES, servedOverHttps } from "@/lib/auth/cookies";
import { env } from "@/lib/env";
import { buildPagePolicy, createNonce } from "@/lib/security/csp";

// Open to signed-out visitors: the sign-in page and the referrer's public status pages.
const PUBLIC_PAGES = /^\/(?:signin|status\/)/;

/**
 * Two jobs, for every page:
 * 1. Signed-out visitors go to the sign-in page before any page renders. Only a convenience: every page, action
 *    and route checks the session itself on the server (lib/auth/guards.ts).
 * 2. The Content-Security-Policy with a fresh nonce (lib/security/csp.ts), on the response for the browser and
 *    on the forwarded request, where Next finds the nonce and adds it to the scripts it renders.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!PUBLIC_PAGES.test(pathname) && !SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = "";
    const back = `${pathname}${search}`;
    if (back !== "/") url.searchParams.set("callbackUrl", back);
    return NextResponse.redirect(url);
  }

  const nonce = createNonce();
  const policy = buildPagePolicy({
    nonce,
    development: env().NODE_ENV === "development",
    // The public address, not this request: behind a load balancer that ends TLS the app itself sees http.
    https: servedOverHttps(env().NEXTAUTH_URL),
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Every page, signed in or not; not the API (JSON, or its own policy: /api/docs) or Next's static files.
  matcher: ["/((?!api/|_next/|favicon.ico|robots.txt).*)"],
};

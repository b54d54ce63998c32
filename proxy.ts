import { NextResponse, type NextRequest } from "next/server";

// next-auth's session cookie, plain or with the __Secure- prefix it uses over HTTPS.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Signed-out visitors go to the sign-in page before any page renders. Only a convenience: every page, action
 * and route checks the session itself on the server (lib/auth/guards.ts).
 */
export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (back !== "/") url.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: not the API (it answers 401 itself), the sign-in page, the referrer's public status pages, or static files.
  matcher: ["/((?!api/|signin|status/|_next/|favicon.ico|robots.txt).*)"],
};

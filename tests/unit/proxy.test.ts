import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/cookies";
import { config, proxy } from "@/proxy";

const ORIGIN = "http://localhost:3000";

function request(path: string, cookie?: string): NextRequest {
  return new NextRequest(`${ORIGIN}${path}`, { headers: cookie ? { cookie: `${cookie}=token` } : {} });
}

/** The nonce the proxy put on the request it forwards to Next (NextResponse.next encodes them as x-middleware-request-*). */
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

/** Whether Next runs the proxy for a path: the matcher is a path-to-regexp pattern, here a plain regex. */
function matched(path: string): boolean {
  return config.matcher.some((pattern) => new RegExp(`^${pattern}$`).test(path));
}

describe("proxy: signed-out redirect", () => {
  it.each([
    ["/worklist", "/signin?callbackUrl=%2Fworklist"],
    ["/referrals/abc?tab=events", "/signin?callbackUrl=%2Freferrals%2Fabc%3Ftab%3Devents"],
    ["/", "/signin"],
  ])("a signed-out visitor to %s goes to %s", (path, to) => {
    const response = proxy(request(path));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${ORIGIN}${to}`);
  });

  it.each(SESSION_COOKIE_NAMES)("a visitor with %s goes on to the page", (cookie) => {
    const response = proxy(request("/worklist", cookie));
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it.each(["/signin", "/signin?callbackUrl=%2Fworklist", "/status/made-up-token"])("%s is open to signed-out visitors", (path) => {
    const response = proxy(request(path));
    expect(response.headers.get("location")).toBeNull();
  });
});

describe("proxy: Content-Security-Policy", () => {
  it.each([
    ["a signed-in page", "/worklist", SESSION_COOKIE_NAMES[0]],
    ["the sign-in page", "/signin", undefined],
    ["a referrer's status page", "/status/made-up-token", undefined],
  ])("%s gets the policy with a nonce, on the response and on the request Next renders", (_label, path, cookie) => {
    const response = proxy(request(path, cookie));
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(forwarded(response, "x-nonce")).toBe(nonce);
    expect(forwarded(response, "content-security-policy")).toBe(policy);
  });

  it("a fresh nonce for every request", () => {
    const nonces = new Set(Array.from({ length: 20 }, () => forwarded(proxy(request("/signin")), "x-nonce")));
    expect(nonces.size).toBe(20);
  });

  it.each(["/worklist", "/", "/signin", "/status/abc", "/referrals/abc/patient-sheet", "/made-up-page"])("runs for the page %s", (path) => {
    expect(matched(path)).toBe(true);
  });

  it.each(["/api/health", "/api/docs", "/api/v1/referrals", "/_next/static/chunks/app.js", "/favicon.ico", "/robots.txt"])("not for %s", (path) => {
    expect(matched(path)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { buildPagePolicy, createNonce } from "./csp";

const NONCE = "cmFuZG9tLW5vbmNlLXZhbHVl";
const PRODUCTION_HTTPS = { nonce: NONCE, development: false, https: true };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name as string, sources];
    }),
  );
}

describe("buildPagePolicy", () => {
  it("lets scripts run only with this request's nonce, and what they load ('strict-dynamic')", () => {
    const scripts = directives(buildPagePolicy(PRODUCTION_HTTPS)).get("script-src");
    expect(scripts).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
  });

  it.each([
    ["production over https", PRODUCTION_HTTPS],
    ["production over http", { ...PRODUCTION_HTTPS, https: false }],
    ["development", { ...PRODUCTION_HTTPS, development: true }],
  ])("never allows inline script without the nonce (%s)", (_label, options) => {
    const scripts = directives(buildPagePolicy(options)).get("script-src") ?? [];
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("*");
    expect(scripts.some((s) => /^(https?:|data:|blob:)/.test(s))).toBe(false);
  });

  it("allows eval only in development, for React's dev tooling", () => {
    expect(directives(buildPagePolicy(PRODUCTION_HTTPS)).get("script-src")).not.toContain("'unsafe-eval'");
    expect(directives(buildPagePolicy({ ...PRODUCTION_HTTPS, development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("upgrades insecure requests only when the site is served over https", () => {
    expect(directives(buildPagePolicy(PRODUCTION_HTTPS)).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(buildPagePolicy({ ...PRODUCTION_HTTPS, https: false })).has("upgrade-insecure-requests")).toBe(false);
  });

  it("keeps everything else to this site, and no framing, plugins or foreign form targets", () => {
    const policy = directives(buildPagePolicy(PRODUCTION_HTTPS));
    expect(Object.fromEntries([...policy].filter(([name]) => name !== "script-src" && name !== "upgrade-insecure-requests"))).toEqual({
      "default-src": ["'self'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "media-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("puts no nonce in style-src, where it would switch 'unsafe-inline' off for React's style attributes", () => {
    expect(directives(buildPagePolicy(PRODUCTION_HTTPS)).get("style-src")?.some((s) => s.startsWith("'nonce-"))).toBe(false);
  });
});

describe("createNonce", () => {
  it("is 16 random bytes in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });

  it("fits the nonce-source syntax Next reads the nonce back with", () => {
    expect(`'nonce-${createNonce()}'`).toMatch(/^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/);
  });
});

import { describe, expect, it } from "vitest";
import { authCookies, SESSION_COOKIE_NAMES, servedOverHttps } from "./cookies";

const HTTP_URL = "http://localhost:3000";
const HTTPS_URL = "https://mscc.trust.nhs.uk";

describe("authCookies", () => {
  it.each([
    ["http", HTTP_URL],
    ["https", HTTPS_URL],
    ["unset", undefined],
  ])("every cookie is HttpOnly, SameSite=Lax, path / and never scoped to a domain (%s)", (_label, url) => {
    for (const { options } of Object.values(authCookies(url))) {
      expect(options.httpOnly).toBe(true);
      expect(options.sameSite).toBe("lax");
      expect(options.path).toBe("/");
      expect(options.domain).toBeUndefined();
    }
  });

  it("over plain http: not Secure and no prefix (a browser drops a prefixed cookie that is not Secure)", () => {
    const cookies = authCookies(HTTP_URL);
    for (const { name, options } of Object.values(cookies)) {
      expect(options.secure).toBe(false);
      expect(name).not.toMatch(/^__(Secure|Host)-/);
    }
    expect(cookies.sessionToken.name).toBe("next-auth.session-token");
  });

  it("over https: Secure, __Host- for the CSRF token and __Secure- for the rest", () => {
    const cookies = authCookies(HTTPS_URL);
    for (const { options } of Object.values(cookies)) expect(options.secure).toBe(true);
    expect(cookies.csrfToken.name).toBe("__Host-next-auth.csrf-token");
    expect(cookies.sessionToken.name).toBe("__Secure-next-auth.session-token");
    expect(cookies.callbackUrl.name).toBe("__Secure-next-auth.callback-url");
    expect(cookies.state.name).toBe("__Secure-next-auth.state");
    expect(cookies.pkceCodeVerifier.name).toBe("__Secure-next-auth.pkce.code_verifier");
    expect(cookies.nonce.name).toBe("__Secure-next-auth.nonce");
  });

  it("the OAuth round-trip cookies expire; the session cookie's lifetime is next-auth's (the idle timeout)", () => {
    const cookies = authCookies(HTTPS_URL);
    expect(cookies.state.options.maxAge).toBe(900);
    expect(cookies.pkceCodeVerifier.options.maxAge).toBe(900);
    expect(cookies.sessionToken.options.maxAge).toBeUndefined();
  });

  it("the proxy's session cookie names are the ones next-auth sets, over http and https", () => {
    expect(SESSION_COOKIE_NAMES).toContain(authCookies(HTTP_URL).sessionToken.name);
    expect(SESSION_COOKIE_NAMES).toContain(authCookies(HTTPS_URL).sessionToken.name);
  });
});

describe("servedOverHttps", () => {
  it.each([
    [HTTPS_URL, true],
    [HTTP_URL, false],
    ["http://mscc.trust.nhs.uk", false],
    [undefined, false],
  ])("%s → %s", (url, expected) => {
    expect(servedOverHttps(url)).toBe(expected);
  });
});

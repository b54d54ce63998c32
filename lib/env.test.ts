import { describe, expect, it } from "vitest";
import { databaseEngine, oidcEnabled, parseEnv } from "./env";

/** parseEnv only ever sees what each test gives it, never the machine's own environment. */
const parse = (vars: Record<string, string | undefined>) => parseEnv(vars as NodeJS.ProcessEnv);

const SECRET_32 = "x".repeat(32);
const OIDC = {
  OIDC_ISSUER: "https://login.example.nhs.uk/openam/oauth2/realms/root/realms/oidc",
  OIDC_CLIENT_ID: "mscc-dashboard",
  OIDC_CLIENT_SECRET: "client-secret",
};

describe("parseEnv defaults", () => {
  it("fills in every default from an empty environment", () => {
    const e = parse({});
    expect(e).toMatchObject({
      NODE_ENV: "development",
      DATABASE_POOL_MAX: 10,
      MSCC_DATA_DIR: ".data",
      MSCC_DEMO_DATA: "auto",
      SESSION_IDLE_MINUTES: 30,
      OIDC_DISPLAY_NAME: "NHS CIS2",
      OIDC_SCOPE: "openid email profile",
    });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.NEXTAUTH_SECRET).toBeUndefined();
    expect(databaseEngine(e)).toBe("embedded");
    expect(oidcEnabled(e)).toBe(false);
  });

  it("treats empty strings as unset", () => {
    const e = parse({
      DATABASE_URL: "",
      DATABASE_POOL_MAX: "",
      MSCC_DATA_DIR: "",
      MSCC_DEMO_DATA: "",
      NEXTAUTH_SECRET: "",
      NEXTAUTH_URL: "",
      SESSION_IDLE_MINUTES: "",
      OIDC_ISSUER: "",
      OIDC_CLIENT_ID: "",
      OIDC_CLIENT_SECRET: "",
    });
    expect(e).toMatchObject({ DATABASE_POOL_MAX: 10, MSCC_DATA_DIR: ".data", MSCC_DEMO_DATA: "auto", SESSION_IDLE_MINUTES: 30 });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.NEXTAUTH_SECRET).toBeUndefined();
    expect(databaseEngine(e)).toBe("embedded");
    expect(oidcEnabled(e)).toBe(false);
  });

  it("only one OIDC value set, the others empty, still throws", () => {
    expect(() => parse({ OIDC_ISSUER: OIDC.OIDC_ISSUER, OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" })).toThrow(/OIDC_CLIENT_ID/);
  });
});

describe("parseEnv values", () => {
  it.each([
    { name: "pool size", vars: { DATABASE_POOL_MAX: "25" }, key: "DATABASE_POOL_MAX", value: 25 },
    { name: "idle minutes", vars: { SESSION_IDLE_MINUTES: "15" }, key: "SESSION_IDLE_MINUTES", value: 15 },
    { name: "data dir", vars: { MSCC_DATA_DIR: "/var/lib/mscc" }, key: "MSCC_DATA_DIR", value: "/var/lib/mscc" },
    { name: "demo off", vars: { MSCC_DEMO_DATA: "off" }, key: "MSCC_DEMO_DATA", value: "off" },
    { name: "secret of 32", vars: { NEXTAUTH_SECRET: SECRET_32 }, key: "NEXTAUTH_SECRET", value: SECRET_32 },
  ])("reads $name", ({ vars, key, value }) => {
    expect((parse(vars) as Record<string, unknown>)[key]).toBe(value);
  });

  it("DATABASE_URL set means PostgreSQL", () => {
    const e = parse({ DATABASE_URL: "postgres://mscc:pw@db.internal:5432/mscc" });
    expect(e.DATABASE_URL).toBe("postgres://mscc:pw@db.internal:5432/mscc");
    expect(databaseEngine(e)).toBe("postgres");
  });

  it("all three OIDC values set enables OpenID Connect", () => {
    const e = parse(OIDC);
    expect(oidcEnabled(e)).toBe(true);
    expect(e).toMatchObject(OIDC);
  });
});

describe("parseEnv rejects", () => {
  it.each([
    { name: "DATABASE_URL not a URL", vars: { DATABASE_URL: "not a url" }, mentions: ["DATABASE_URL"] },
    { name: "NEXTAUTH_SECRET of 31 characters", vars: { NEXTAUTH_SECRET: "x".repeat(31) }, mentions: ["NEXTAUTH_SECRET must be at least 32 characters"] },
    { name: "NEXTAUTH_SECRET of 1 character", vars: { NEXTAUTH_SECRET: "x" }, mentions: ["NEXTAUTH_SECRET"] },
    {
      name: "OIDC_ISSUER alone",
      vars: { OIDC_ISSUER: OIDC.OIDC_ISSUER },
      mentions: ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
    },
    {
      name: "OIDC client id and secret without issuer",
      vars: { OIDC_CLIENT_ID: OIDC.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: OIDC.OIDC_CLIENT_SECRET },
      mentions: ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
    },
    { name: "pool size 0", vars: { DATABASE_POOL_MAX: "0" }, mentions: ["DATABASE_POOL_MAX"] },
    { name: "pool size not a number", vars: { DATABASE_POOL_MAX: "ten" }, mentions: ["DATABASE_POOL_MAX"] },
    { name: "idle minutes over a day", vars: { SESSION_IDLE_MINUTES: "1441" }, mentions: ["SESSION_IDLE_MINUTES"] },
    { name: "unknown demo setting", vars: { MSCC_DEMO_DATA: "maybe" }, mentions: ["MSCC_DEMO_DATA"] },
  ])("$name", ({ vars, mentions }) => {
    let message = "";
    try {
      parse(vars);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid environment configuration:\n/);
    for (const text of mentions) expect(message).toContain(text);
  });

  it("names only the variable at fault", () => {
    expect(() => parse({ DATABASE_URL: "not a url", NEXTAUTH_SECRET: SECRET_32 })).toThrow(/DATABASE_URL/);
    expect(() => parse({ DATABASE_URL: "not a url", NEXTAUTH_SECRET: SECRET_32 })).not.toThrow(/NEXTAUTH_SECRET/);
  });
});

describe("production needs its public address", () => {
  const prod = (vars: Record<string, string>) => parseEnv({ NODE_ENV: "production", ...vars } as NodeJS.ProcessEnv);
  it("refuses to start without NEXTAUTH_URL", () => {
    expect(() => prod({})).toThrow(/NEXTAUTH_URL must be set in production/);
  });
  it("refuses plain http for a real host", () => {
    expect(() => prod({ NEXTAUTH_URL: "http://mscc.trust.nhs.uk" })).toThrow(/must use https/);
  });
  it.each(["https://mscc.trust.nhs.uk", "http://localhost:3100", "http://127.0.0.1:3000"])("accepts %s", (url) => {
    expect(prod({ NEXTAUTH_URL: url }).NEXTAUTH_URL).toBe(url);
  });
});

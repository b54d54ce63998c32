import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// .ci/run's audit step: `answered` decides whether the step is recorded at all, `verdict` whether it passed.
const SCRIPT = path.join(import.meta.dirname, "../../.ci/npm-audit.mjs");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "npm-audit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(mode: "answered" | "verdict", output: string): { status: number | null; stdout: string } {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, output);
  const result = spawnSync(process.execPath, [SCRIPT, mode, file], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout };
}

const counts = (c: Partial<Record<"info" | "low" | "moderate" | "high" | "critical", number>>) => ({
  info: 0,
  low: 0,
  moderate: 0,
  high: 0,
  critical: 0,
  ...c,
  total: Object.values(c).reduce((a, b) => a + b, 0),
});

function report(vulnerabilities: Record<string, { severity: string; via: unknown[] }>) {
  const bySeverity: Record<string, number> = {};
  for (const v of Object.values(vulnerabilities)) bySeverity[v.severity] = (bySeverity[v.severity] ?? 0) + 1;
  const entries = Object.fromEntries(Object.entries(vulnerabilities).map(([name, v]) => [name, { name, isDirect: true, effects: [], range: "*", nodes: [], fixAvailable: true, ...v }]));
  return JSON.stringify({ auditReportVersion: 2, vulnerabilities: entries, metadata: { vulnerabilities: counts(bySeverity) } });
}

const advisory = (severity: string) => ({ source: 1, name: "some-package", title: `A ${severity} problem`, url: "https://github.com/advisories/GHSA-xxxx", severity, range: "<2.0.0" });

// What this machine's registry mirror answers (npm 11): an error instead of a report.
const MIRROR_405 = JSON.stringify({
  message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  method: "POST",
  statusCode: 405,
  body: "",
  error: { summary: "", detail: "" },
});

describe("no report: said loudly, and the step is not recorded", () => {
  it.each([
    ["the mirror's 405", MIRROR_405, "405 Method Not Allowed"],
    ["an older npm's error object", JSON.stringify({ error: { code: "ENOAUDIT", summary: "Your configured registry does not support audit requests.", detail: "" } }), "does not support audit requests"],
    ["no network", JSON.stringify({ error: { code: "ENOTFOUND", summary: "", detail: "" } }), "ENOTFOUND"],
    ["no output", "", "no output"],
    ["not JSON", "npm error something", "not JSON"],
  ])("%s", (_label, output, reason) => {
    const { status, stdout } = run("answered", output);
    expect(status).toBe(1);
    expect(stdout).toContain(`npm audit could not run: `);
    expect(stdout).toContain(reason);
    expect(stdout).toContain("counted as neither passed nor failed");
  });
});

describe("a report: the verdict", () => {
  it("passes with no advisory at all", () => {
    const output = report({});
    expect(run("answered", output).status).toBe(0);
    expect(run("verdict", output)).toEqual({ status: 0, stdout: "npm audit (production dependencies): 0 critical, 0 high, 0 moderate, 0 low\n" });
  });

  it("passes with moderate and low advisories only", () => {
    const { status, stdout } = run("verdict", report({ a: { severity: "moderate", via: [advisory("moderate")] }, b: { severity: "low", via: [advisory("low")] } }));
    expect(status).toBe(0);
    expect(stdout).toContain("0 critical, 0 high, 1 moderate, 1 low");
  });

  it.each(["high", "critical"])("fails on a %s advisory, naming the package and the advisory", (severity) => {
    const { status, stdout } = run("verdict", report({ "some-package": { severity, via: [advisory(severity)] } }));
    expect(status).toBe(1);
    expect(stdout).toContain(`${severity}: some-package (A ${severity} problem https://github.com/advisories/GHSA-xxxx)`);
  });

  it("fails on a package that is high only through another one", () => {
    const { status, stdout } = run("verdict", report({ "some-package": { severity: "high", via: [advisory("high")] }, parent: { severity: "high", via: ["some-package"] } }));
    expect(status).toBe(1);
    expect(stdout).toContain("high: parent (through some-package)");
  });
});

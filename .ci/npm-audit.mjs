// Reads `npm audit --json` for .ci/run: whether there is a report at all, and whether it has a high or critical
// advisory. A registry or mirror that does not serve the audit endpoint answers with an error instead of a report,
// which says nothing about the dependencies either way.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const FAILING = ["high", "critical"];

/** @returns {{ answered: false, reason: string } | { answered: true, counts: Record<string, number>, failing: string[] }} */
export function readAuditReport(text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    return { answered: false, reason: text.trim() ? "the output was not JSON" : "no output" };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts || typeof counts !== "object") {
    const reason = report?.message || report?.error?.summary || report?.error?.code || "no audit report in the output";
    return { answered: false, reason: String(reason).split("\n")[0] };
  }
  const failing = Object.values(report.vulnerabilities ?? {})
    .filter((v) => FAILING.includes(v.severity))
    .map((v) => {
      const advisories = (v.via ?? []).filter((a) => typeof a === "object").map((a) => `${a.title} ${a.url}`);
      return `${v.severity}: ${v.name}${advisories.length ? ` (${advisories.join("; ")})` : ` (through ${(v.via ?? []).join(", ")})`}`;
    });
  return { answered: true, counts, failing };
}

/** `answered FILE`: is there a report at all (if not, say so loudly)? `verdict FILE`: does it pass? */
function main(mode, file) {
  const result = readAuditReport(fs.readFileSync(file, "utf8"));
  if (!result.answered) {
    console.log(`!!! npm audit could not run: ${result.reason}`);
    if (mode === "answered") console.log("!!! The production dependencies were NOT checked for advisories: counted as neither passed nor failed.");
    return 1;
  }
  if (mode === "answered") return 0;
  const { counts, failing } = result;
  console.log(`npm audit (production dependencies): ${["critical", "high", "moderate", "low"].map((s) => `${counts[s] ?? 0} ${s}`).join(", ")}`);
  for (const line of failing) console.log(`  ${line}`);
  return FAILING.some((s) => (counts[s] ?? 0) > 0) || failing.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main(process.argv[2], process.argv[3]));

// Totals over every suite .ci/run ran: Vitest and Playwright JSON results, plus one line per plain check.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs.readdirSync(dir).sort()) {
  const full = path.join(dir, file);
  if (file.endsWith(".check")) {
    const ok = fs.readFileSync(full, "utf8").trim() === "0";
    if (ok) passed++;
    else failed++;
    console.log(`  ${file.replace(/\.check$/, "")}: ${ok ? "passed" : "FAILED"}`);
    continue;
  }
  if (!file.endsWith(".json")) continue;
  const data = JSON.parse(fs.readFileSync(full, "utf8"));
  if (file.startsWith("vitest-")) {
    // it.fails counts as passed by Vitest; "pending"/"todo" as skipped.
    passed += data.numPassedTests;
    failed += data.numFailedTests + (data.numFailedTestSuites > 0 && data.numFailedTests === 0 ? data.numFailedTestSuites : 0);
    skipped += (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0);
    console.log(`  ${file}: ${data.numPassedTests} passed, ${data.numFailedTests} failed, ${data.numFailedTestSuites} failed files`);
  } else if (file.startsWith("playwright-")) {
    const s = data.stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    console.log(`  ${file}: ${s.expected} passed, ${s.unexpected} failed, ${s.flaky} flaky, ${s.skipped} skipped`);
    for (const e of data.errors ?? []) {
      failed++;
      console.log(`  ${file}: error outside tests: ${String(e.message).split("\n")[0]}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);

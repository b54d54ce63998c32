import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_SECRET, E2E_WEBHOOK_SECRET } from "./e2e/support/secret";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;

/**
 * Chromium: PLAYWRIGHT_CHROMIUM_PATH, else the system's /usr/bin/chromium (Debian's package: this machine
 * cannot download Playwright's own), else Playwright's own browser.
 */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

const launchOptions = {
  executablePath: chromiumPath(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ...(process.env.CI_RESULTS_DIR
      ? [["json", { outputFile: `${process.env.CI_RESULTS_DIR}/playwright-${process.env.CI_RESULTS_PHASE ?? "run"}.json` }] as const]
      : process.env.CI
        ? []
        : [["html", { open: "never" }] as const]),
  ],
  use: {
    baseURL: BASE_URL,
    locale: "en-GB",
    timezoneId: "Europe/London",
    // A trace records DOM snapshots of every step of every test: a fifth of the suite's CPU on a 2-core CI machine,
    // for a file nobody can open there (CI keeps the error, the screenshot and the page's aria snapshot). Locally a
    // failing test keeps its trace, or run with --trace on.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Signs each demo user in through the sign-in page once and keeps the session for the other tests.
    { name: "sign-in", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "chromium", dependencies: ["sign-in"], use: { ...devices["Desktop Chrome"], launchOptions } },
  ],
  webServer: {
    command: "bash e2e/support/start-server.sh",
    url: `${BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      NODE_ENV: "production",
      // The browser tests' own server: its own data directory (recreated each run) or the DATABASE_URL given.
      MSCC_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data-e2e",
      MSCC_DEMO_DATA: "on",
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: E2E_SECRET,
      SESSION_IDLE_MINUTES: "30",
      MSCC_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      // Escalations past their deadline go on to the second line within a second or two.
      MSCC_JOBS_INTERVAL_SECONDS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});


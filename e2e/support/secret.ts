// The browser suite's own server secret, known to the tests so they can forge an expired session token and
// prove the server refuses it. Never used outside the browser suite.
export const E2E_SECRET = process.env.E2E_NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-any-real-deployment-0123456789";

// The key the browser suite's server signs escalation webhooks with, so the test's receiver can check them.
export const E2E_WEBHOOK_SECRET = "e2e-only-webhook-key-not-for-any-real-deployment-0123456789";

// The browser suite's own server secret, known to the tests so they can forge an expired session token and
// prove the server refuses it. Never used outside the browser suite.
export const E2E_SECRET = process.env.E2E_NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-any-real-deployment-0123456789";

import type { NextConfig } from "next";

/**
 * On every response: pages, API and static files. The Content-Security-Policy is per page, with a nonce (proxy.ts).
 */
const SECURITY_HEADERS = [
  // Two years, the figure the HSTS preload list asks for. Browsers ignore it over plain http (a local build).
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Addresses carry ids only, and even those stay on this site. Not no-referrer: with it, browsers send
  // `Origin: null` on this site's own POSTs, and Next refuses server actions whose Origin is not this host.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Only features browsers know: an unknown one is a console warning on every page (Chromium no longer knows bluetooth).
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), display-capture=(), accelerometer=(), gyroscope=(), magnetometer=()",
  },
  // For browsers older than CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of WASM and data files: load it from node_modules at run time
  // instead of bundling it; argon2 is a native addon and cannot be bundled either.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // Only the browser suite's build (e2e/support/start-server.sh) sets this: `npm test` runs tsc before it.
  typescript: { ignoreBuildErrors: process.env.MSCC_BUILD_SKIP_TYPECHECK === "1" },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
  experimental: {
    // forbidden() / unauthorized() from next/navigation: real 403 and 401 responses from pages.
    authInterrupts: true,
  },
};

export default nextConfig;

import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of WASM and data files: load it from node_modules at run time
  // instead of bundling it; argon2 is a native addon and cannot be bundled either.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  experimental: {
    // forbidden() / unauthorized() from next/navigation: real 403 and 401 responses from pages.
    authInterrupts: true,
  },
};

export default nextConfig;

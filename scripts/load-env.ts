import nextEnv from "@next/env";

// The scripts read .env, .env.local and friends exactly as `next dev` / `next start` do, so a DATABASE_URL
// set there points user:create at the same database the app uses. Variables already exported win.
// (@next/env is CommonJS: its functions hang off the default export.)
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");

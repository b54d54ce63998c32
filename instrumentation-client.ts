import { config } from "zod";

// Runs in the browser before the app. Zod compiles its object parsers with `new Function` when eval is allowed,
// and probes for that by trying it: the page's Content-Security-Policy (proxy.ts) refuses eval, so the probe
// would be reported as a violation on every page that validates a form. The interpreted parsers are enough here.
config({ jitless: true });

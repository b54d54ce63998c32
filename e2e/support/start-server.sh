#!/usr/bin/env bash
# The browser suite's server: a production build on a fresh database.
set -euo pipefail
if [ -z "${DATABASE_URL:-}" ]; then rm -rf "${MSCC_DATA_DIR:?}"; fi
if [ -z "${E2E_SKIP_BUILD:-}" ] || [ ! -f .next/BUILD_ID ]; then
  # `npm test` has type-checked the project already (tsc, before the browser suite): the build need not again.
  log="$(mktemp)"
  MSCC_BUILD_SKIP_TYPECHECK=1 npx next build >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
  rm -f "$log"
fi
# Idle keep-alive connections stay open longer than the tests leave them unused: with Node's 5 s default, a request
# sent just as the server closed its socket failed with ECONNRESET (seen once in a browser test).
exec npx next start -p "${PORT}" --keepAliveTimeout 65000

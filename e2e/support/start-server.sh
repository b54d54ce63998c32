#!/usr/bin/env bash
# The browser suite's server: a production build on a fresh database.
set -euo pipefail
if [ -z "${DATABASE_URL:-}" ]; then rm -rf "${MSCC_DATA_DIR:?}"; fi
if [ -z "${E2E_SKIP_BUILD:-}" ] || [ ! -f .next/BUILD_ID ]; then npx next build >/tmp/mscc-e2e-build.log 2>&1 || { cat /tmp/mscc-e2e-build.log; exit 1; }; fi
exec npx next start -p "${PORT}"

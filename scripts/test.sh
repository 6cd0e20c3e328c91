#!/usr/bin/env bash
# `npm test`: everything, against real parts. Starts what it needs (scripts/test-env.sh), stops only that,
# and ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

scripts/test-env.sh up || { echo "0 passed, 1 failed"; exit 1; }
trap 'scripts/test-env.sh down' EXIT
# shellcheck disable=SC1091
. .test-env/env
rm -f .test-env/vitest.json .test-env/playwright.json

status=0
echo "== type check"
npx tsc --noEmit -p . || status=1

echo "== lint and format (Biome)"
npx biome check . || status=1

echo "== import rules (dependency-cruiser, see ARCHITECTURE.md)"
npx depcruise --config .dependency-cruiser.cjs . || status=1

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-env/vitest.json || status=1

echo "== browser tests (Playwright, Chromium at ${FLEETDECK_TEST_CHROMIUM})"
rm -rf .test-env/e2e.db* .test-env/e2e-data
npx next build >.test-env/build.log 2>&1 || { echo "next build failed:"; tail -n 40 .test-env/build.log; status=1; }
npx playwright test || status=1

echo "== summary"
[ "$status" -eq 0 ] || echo "(a step above failed: type check, lint, import rules, unit tests, build or browser tests)"
node scripts/test-summary.mjs .test-env/vitest.json .test-env/playwright.json || status=1
exit "$status"

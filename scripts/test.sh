#!/usr/bin/env bash
# `npm test`: every test tier, in order: types, lint, unit + integration (real PostgreSQL),
# browser journeys (Debian's Chromium, axe). Installs Chromium when missing and it can (root + apt).
set -uo pipefail
cd "$(dirname "$0")/.."
# The pinned Node 24 (npm package `node`) first, as `npm test` does, also when this script is run by hand.
export PATH="$PWD/node_modules/.bin:$PATH"
mkdir -p test-results

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[test] installing Debian's chromium (needed by the browser tests)…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
      echo "[test] could not install chromium with apt-get: install Debian's package 'chromium' and run again." >&2; exit 1; }
  else
    echo "[test] Chromium is missing: install Debian's package 'chromium' (sudo apt-get install chromium) and run again." >&2
    exit 1
  fi
fi

step() { echo; echo "[test] $*"; }
status=0
step "type check"; npx tsc -p tsconfig.json --noEmit || status=1
step "lint"; npx eslint . || status=1
npx tsx scripts/check-web-types.ts || status=1
step "format (Prettier)"; npx prettier --check . >test-results/format.log 2>&1 || { grep -v "^Checking" test-results/format.log; echo "[test] run: npm run format"; status=1; }
step "unit and integration tests (real PostgreSQL)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=1
step "cluster test (nginx, 3 app nodes, pg_auto_failover; kill -9 of a node and of the primary under load)"
npm run --silent cluster -- --test || status=1
step "build the web app"; npm run --silent build:web >test-results/build.log 2>&1 || { cat test-results/build.log; status=1; }
step "browser tests (Chromium, axe)"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json || status=1
node scripts/summary.mjs test-results/unit.json test-results/e2e.json || status=1
exit $status

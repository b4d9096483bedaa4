#!/usr/bin/env bash
# Fresh machine → every test: typecheck, unit and integration tests on SQLite and PostgreSQL, e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
TEST_DATABASE_URL=$(bash scripts/pg-cluster.sh start)
export TEST_DATABASE_URL
finish() {
  status=$?
  bash scripts/pg-cluster.sh stop
  node scripts/test-summary.mjs
  exit $status
}
trap finish EXIT
rm -rf test-results
pnpm test

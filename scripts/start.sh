#!/usr/bin/env bash
# Fresh machine → running app on SQLite with demo data. Prints the URL and the demo logins.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
exec pnpm start

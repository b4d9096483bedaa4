#!/usr/bin/env bash
# Installs what Anliegen needs on a fresh Debian 12 machine with Node 20.
#   install-deps.sh          pnpm and the node modules (enough to run the app on SQLite)
#   install-deps.sh --test   also Chromium (e2e), PostgreSQL 15 (second test dialect; with pg_dump and pg_restore for
#                            the backup test), swaks (SMTP client) and Dovecot (IMAP server for the mailbox-polling
#                            tests) from Debian
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "[install] $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "${1:-}" = "--test" ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
  # pg_dump and pg_restore (pnpm backup / pnpm restore on PostgreSQL); postgresql brings them, this names the need
  command -v pg_restore >/dev/null || need+=(postgresql-client)
  command -v swaks >/dev/null || need+=(swaks)
  [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
  if [ ${#need[@]} -gt 0 ]; then
    log "apt-get install ${need[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "12.21.0" ]; then
  log "npm install -g pnpm@12.21.0"
  as_root npm install -g pnpm@12.21.0 >/dev/null
fi
# better-sqlite3 compiles against Node's headers from the system, not a download (no internet).
export npm_config_nodedir=${npm_config_nodedir:-/usr}
log "pnpm install"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -v '^\.\.\./node_modules/better-sqlite3 install:' >&2 || {
  echo "pnpm install failed" >&2; exit 1; }

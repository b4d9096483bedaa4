#!/usr/bin/env bash
# Builds the upgrade fixtures of a released version: its own code (git archive of the release's commit, in a temporary
# directory) migrates an empty database, seeds it with its data generator, and a short desk's day is played against
# its running server (scripts/upgrade-fixture/activity.mjs); then the database is dumped as SQL text, on SQLite and on
# PostgreSQL, with the attachment store it wrote. server/src/db/upgrade.test.ts loads these dumps, migrates them with
# today's migrations and checks the API on them.
#
#   scripts/make-upgrade-fixture.sh [VERSION [COMMIT]]
#
# VERSION names the fixture directory (server/src/db/upgrade-fixtures/VERSION); COMMIT defaults to the tag VERSION
# (v1.0.0 falls back to its commit while the tag does not exist). PostgreSQL: a scratch database is created and dropped
# on the server at PG_ADMIN_URL (default TEST_DATABASE_URL, else the test cluster at 127.0.0.1:5488; see
# scripts/pg-cluster.sh). Needs pnpm with the release's packages in its store (or the network), sqlite3 and pg_dump.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
version=${1:-v1.0.0}
declare -A known_releases=([v1.0.0]=0b5af4b95df800e0e9fed57ba189f41f85d3edc8)
commit=${2:-$(git -C "$root" rev-parse -q --verify "refs/tags/$version^{commit}" || echo "${known_releases[$version]:-}")}
[ -n "$commit" ] || { echo "no commit for $version: give it as the second argument" >&2; exit 2; }
commit=$(git -C "$root" rev-parse --verify "$commit^{commit}")
admin_url=${PG_ADMIN_URL:-${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5488/postgres}}
out="$root/server/src/db/upgrade-fixtures/$version"
# The generator's size: a few hundred of each, enough for every list and statistic, small enough to load in a second.
citizens=300
cases=450

work=$(mktemp -d /tmp/anliegen-upgrade-fixture.XXXXXX)
server_pid=
pg_name="anliegen_fixture_$$"
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  psql -q "$admin_url" -c "drop database if exists $pg_name" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== $version = $commit, built in $work"
git -C "$root" archive "$commit" | tar -x -C "$work"
mkdir -p "$work/out"
cd "$work"
export npm_config_nodedir=/usr
pnpm install --frozen-lockfile --offline --filter '@anliegen/server...' >"$work/out/install.log" 2>&1 ||
  pnpm install --frozen-lockfile --filter '@anliegen/server...' >>"$work/out/install.log" 2>&1
# The server imports the shared package's build.
pnpm exec tsc -b server

# The release's own server on one database: migrate and seed, run, play the day, stop.
run_release() {
  local dialect=$1
  shift
  local store="$work/out/attachments-$dialect"
  (cd "$work/server" && env "$@" NODE_ENV=production LOG_LEVEL=warn SEED_DEMO=false \
    pnpm --silent seed --citizens "$citizens" --cases "$cases" --seed 2026)
  (cd "$work/server" && exec env "$@" NODE_ENV=production LOG_LEVEL=info SEED_DEMO=false PORT=0 HOST=127.0.0.1 \
    ATTACHMENTS_DIR="$store" WEBFORM_MIN_SECONDS=0 COOKIE_SECURE=false LOGIN_FAILURE_DELAY_MS=0 \
    node --import tsx src/main.ts >"$work/out/server-$dialect.log" 2>&1) &
  server_pid=$!
  local url=
  for _ in $(seq 1 300); do
    url=$(grep -o '"url":"http[^"]*"' "$work/out/server-$dialect.log" 2>/dev/null | head -1 | cut -d'"' -f4 || true)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/out/server-$dialect.log" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$url" ] || { echo "the release's server did not start" >&2; cat "$work/out/server-$dialect.log" >&2; exit 1; }
  node "$root/scripts/upgrade-fixture/activity.mjs" "$url"
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=
}

echo "== SQLite"
run_release sqlite SQLITE_PATH="$work/out/anliegen.sqlite"
sqlite3 "$work/out/anliegen.sqlite" 'pragma wal_checkpoint(truncate);' >/dev/null
sqlite3 "$work/out/anliegen.sqlite" .dump >"$work/out/sqlite.sql"

echo "== PostgreSQL"
psql -q "$admin_url" -c "create database $pg_name" >/dev/null
pg_url="${admin_url%/*}/$pg_name"
run_release postgres DATABASE_URL="$pg_url"
# INSERT statements (not COPY): the test loads the dump through the driver, without psql.
pg_dump --no-owner --no-privileges --inserts --rows-per-insert=100 "$pg_url" | grep -v '^\\\(un\)\?restrict ' >"$work/out/postgres.sql"

# What the fixture holds, for the README and the test: the last migration and the rows per table.
last_migration=$(sqlite3 "$work/out/anliegen.sqlite" 'select name from kysely_migration order by name desc limit 1')
counts_json() { # dialect query runner → {"table": rows, ...} for the tables both have
  local tables
  tables=$(sqlite3 "$work/out/anliegen.sqlite" "select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' and name not like 'kysely_%' order by name")
  local first=1
  printf '{'
  for table in $tables; do
    local rows
    rows=$("$@" "select count(*) from $table")
    [ $first = 1 ] || printf ', '
    first=0
    printf '"%s": %s' "$table" "$rows"
  done
  printf '}'
}
sqlite_counts=$(counts_json sqlite3 "$work/out/anliegen.sqlite")
postgres_counts=$(counts_json psql -Atq "$pg_url" -c)

rm -rf "$out"
mkdir -p "$out"
for dialect in sqlite postgres; do
  if [ "$(stat -c %s "$work/out/$dialect.sql")" -gt 1000000 ]; then
    gzip -9n -c "$work/out/$dialect.sql" >"$out/$dialect.sql.gz"
  else
    cp "$work/out/$dialect.sql" "$out/$dialect.sql"
  fi
done
# The same file was uploaded on both databases: one content-addressed store serves both dumps.
diff -r "$work/out/attachments-sqlite" "$work/out/attachments-postgres" >/dev/null ||
  { echo "the two runs stored different attachment files" >&2; exit 1; }
cp -r "$work/out/attachments-sqlite" "$out/attachments"
cat >"$out/manifest.json" <<EOF
{
  "version": "$version",
  "commit": "$commit",
  "lastMigration": "$last_migration",
  "generated": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "generator": { "citizens": $citizens, "cases": $cases, "seed": 2026 },
  "rows": { "sqlite": $sqlite_counts, "postgres": $postgres_counts }
}
EOF
# As the repository's formatter writes JSON (pnpm lint checks it).
(cd "$root" && pnpm exec biome format --write "$out/manifest.json" >/dev/null)
echo "== written to ${out#"$root"/}:"
ls -la "$out"

#!/usr/bin/env bash
# A private, throwaway PostgreSQL 15 cluster for the test suite; never touches the system cluster.
#   pg-cluster.sh start   initdb + start on 127.0.0.1:$PG_TEST_PORT (5488); prints TEST_DATABASE_URL
#   pg-cluster.sh stop    stop it and delete its files
set -euo pipefail
PG_TEST_PORT=${PG_TEST_PORT:-5488}
PG_TEST_DIR=${PG_TEST_DIR:-/tmp/anliegen-pg-$PG_TEST_PORT}
PGBIN=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ -f "$PG_TEST_DIR/data/postmaster.pid" ]; then as_postgres "$PGBIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$PG_TEST_DIR"; mkdir -p "$PG_TEST_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_TEST_DIR"
    as_postgres "$PGBIN/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_TEST_DIR/initdb.log"
    # Durability off: a test cluster is thrown away, and fsync would dominate the test time.
    as_postgres "$PGBIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/pg.log" -w \
      -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$PG_TEST_PORT/postgres"
    ;;
  stop)
    if [ -f "$PG_TEST_DIR/data/postmaster.pid" ]; then as_postgres "$PGBIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop >/dev/null || true; fi
    rm -rf "$PG_TEST_DIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

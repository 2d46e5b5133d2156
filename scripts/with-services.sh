#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server (when the binaries exist) and exports its URL as
# JOBAPP_TEST_POSTGRES_URL for the tests; stops and deletes it afterwards. Redis is started by the
# test fixtures themselves (on a free port), Chromium by the browser tests.
set -u
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
cleanup() { :; }
if [ -z "${JOBAPP_TEST_POSTGRES_URL:-}" ] && [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pgdir=$(mktemp -d /tmp/jobapp-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_as=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd -r postgres
    chown postgres "$pgdir"
    run_as=(runuser -u postgres --)
  fi
  if "${run_as[@]}" "$pg_bin/initdb" -D "$pgdir/data" -U jobapp --auth=trust >/dev/null \
     && "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pgdir/data" -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1" \
        -l "$pgdir/log" -w start >/dev/null; then
    "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U jobapp jobapp_test
    export JOBAPP_TEST_POSTGRES_URL="postgresql+psycopg://jobapp@127.0.0.1:$port/jobapp_test"
    echo "PostgreSQL test server on port $port"
    cleanup() { "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1; rm -rf "$pgdir"; }
  else
    echo "Could not start PostgreSQL (see $pgdir/log); PostgreSQL tests will be skipped." >&2
  fi
fi
trap cleanup EXIT
"$@"

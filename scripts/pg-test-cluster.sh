#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests: initdb + pg_ctl on
# 127.0.0.1 only, trust authentication, data in a temporary directory.
#
#   scripts/pg-test-cluster.sh start   prints the URL to export as TEST_DATABASE_URL
#   scripts/pg-test-cluster.sh stop    stops it and deletes its data
#   scripts/pg-test-cluster.sh url     prints the URL
#
# PG_TEST_PORT (55432) and PG_TEST_DIR (/tmp/exam-prep-pg-<port>) choose where.
# initdb refuses to run as root: as root, the server runs as the `postgres`
# user that Debian's package creates.
set -euo pipefail
port="${PG_TEST_PORT:-55432}"
dir="${PG_TEST_DIR:-/tmp/exam-prep-pg-$port}"
url="postgresql://postgres@127.0.0.1:$port/postgres"

bindir="${PG_BINDIR:-}"
if [ -z "$bindir" ]; then
  if command -v pg_ctl > /dev/null; then bindir="$(dirname "$(command -v pg_ctl)")"
  else bindir="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)"; fi
fi
if [ ! -x "$bindir/pg_ctl" ]; then
  echo "PostgreSQL is not installed (no pg_ctl). On Debian: apt-get install -y postgresql" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -f "$dir/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir" status > /dev/null 2>&1; then
      echo "$url"; exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
    # C locale: text sorts by bytes, as on SQLite. No fsync: the data is thrown away.
    as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust --locale=C --encoding=UTF8 --no-sync > "$dir.initdb.log" 2>&1 \
      || { cat "$dir.initdb.log" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-h 127.0.0.1 -p $port -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start > /dev/null
    echo "$url"
    ;;
  stop)
    if [ -d "$dir" ]; then as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop > /dev/null 2>&1 || true; fi
    rm -rf "$dir" "$dir.initdb.log"
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac

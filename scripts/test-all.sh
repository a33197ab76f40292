#!/usr/bin/env bash
# Every check the project has, in order of speed: lint, types, bank content,
# unit, integration, end to end (SQLite, then PostgreSQL), and the durability
# run (SIGKILL under load, both databases). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$1"; }
# The suites below run on SQLite; a PostgreSQL server named here is used at the end.
pg_url="${TEST_DATABASE_URL:-}"
unset TEST_DATABASE_URL E2E_DATABASE_URL
step "lint";        npm run --silent lint
step "typecheck";   npm run --silent typecheck
step "bank";        npm run --silent bank:check
step "unit";        npm run --silent test:unit
step "integration"; npm run --silent test:integration
step "end to end";  npm run --silent test:e2e
# The integration and end-to-end suites again on PostgreSQL: on the server
# TEST_DATABASE_URL names, or on a private throw-away cluster when PostgreSQL is
# installed (scripts/pg-test-cluster.sh). Without either, say so: a run that
# skipped them is not a full run.
if [ -n "$pg_url" ]; then
  step "PostgreSQL"; TEST_DATABASE_URL="$pg_url" npm run --silent test:pg
elif command -v pg_ctl > /dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl > /dev/null 2>&1; then
  step "PostgreSQL"; npm run --silent test:pg
else
  printf '\nPostgreSQL is not installed: its integration and end-to-end runs were SKIPPED (Debian: apt-get install -y postgresql).\n'
  if [ -n "${CI:-}" ]; then exit 1; fi
fi
# Answers acknowledged while the server is killed under load (both databases; reuses the e2e build).
step "durability"
if [ -n "$pg_url" ]; then TEST_DATABASE_URL="$pg_url" npm run --silent test:durability -- --reuse-build
else npm run --silent test:durability -- --reuse-build; fi

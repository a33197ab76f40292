#!/usr/bin/env bash
# The integration and end-to-end suites against PostgreSQL (npm run test:pg).
# Uses TEST_DATABASE_URL (a server URL whose role may create databases) when
# set; otherwise starts a private throw-away cluster (scripts/pg-test-cluster.sh)
# and stops it at the end. PG_SUITES="integration" runs only that suite.
set -euo pipefail
cd "$(dirname "$0")/.."
suites="${PG_SUITES:-integration e2e}"
started=""
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL="$(bash scripts/pg-test-cluster.sh start)"
  started=1
  trap 'bash scripts/pg-test-cluster.sh stop' EXIT
fi
export TEST_DATABASE_URL
step() { printf '\n=== %s (PostgreSQL) ===\n' "$1"; }
for suite in $suites; do
  case "$suite" in
    integration)
      step "integration"
      start=$(date +%s)
      npx vitest run --project integration
      echo "integration on PostgreSQL: $(( $(date +%s) - start )) s"
      ;;
    e2e)
      step "end to end"
      start=$(date +%s)
      E2E_DATABASE_URL="${TEST_DATABASE_URL%/*}/exam_prep_e2e" npm run --silent test:e2e
      echo "end to end on PostgreSQL: $(( $(date +%s) - start )) s"
      ;;
    *) echo "unknown suite $suite" >&2; exit 2 ;;
  esac
done


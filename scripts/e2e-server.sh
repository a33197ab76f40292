#!/usr/bin/env bash
# The server Playwright tests against: a fresh SQLite file, migrated and seeded,
# and a production build served by `next start` on loopback. With
# E2E_DATABASE_URL=postgresql://.../DATABASE (npm run test:pg), a fresh
# PostgreSQL database of that name instead (dropped and created here).
set -euo pipefail
port="${1:-3100}"
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp
if [ -n "${E2E_DATABASE_URL:-}" ]; then
  export DATABASE_URL="$E2E_DATABASE_URL"
  name="${DATABASE_URL##*/}"; name="${name%%\?*}"
  server_url="${DATABASE_URL%/*}/postgres"
  psql -q -v ON_ERROR_STOP=1 "$server_url" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\""
else
  db="tests/.tmp/e2e.db"
  rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
  export DATABASE_URL="file:./$db"
fi
export AUTH_SECRET="${AUTH_SECRET:-e2e-only-secret-not-for-production-000000}"
export NODE_ENV=production
# The suite signs in with the demo accounts, which only demo mode creates and allows.
export DEMO_MODE=true
# Every e2e sign-up comes from 127.0.0.1; the sign-up throttle has its own tests.
export SIGNUP_MAX_PER_ADDRESS="${SIGNUP_MAX_PER_ADDRESS:-500}"
node_modules/.bin/prisma migrate deploy > /dev/null
node node_modules/tsx/dist/cli.mjs --conditions=react-server prisma/seed/seed.ts
# A second subject on offer for the whole run (tests/e2e/subjects.spec.ts); the demo accounts study IPT.
node node_modules/tsx/dist/cli.mjs --conditions=react-server tests/e2e/support/second-subject.ts
node_modules/.bin/next build > tests/.tmp/e2e-build.log 2>&1 || { cat tests/.tmp/e2e-build.log; exit 1; }
# exec: Playwright stops the real server process, not a wrapper.
exec node_modules/.bin/next start -H 127.0.0.1 -p "$port"

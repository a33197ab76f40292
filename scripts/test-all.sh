#!/usr/bin/env bash
# Every check the project has, in order of speed: lint, types, bank content,
# unit, integration, end to end. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$1"; }
step "lint";        npm run --silent lint
step "typecheck";   npm run --silent typecheck
step "bank";        npm run --silent bank:check
step "unit";        npm run --silent test:unit
step "integration"; npm run --silent test:integration
step "end to end";  npm run --silent test:e2e

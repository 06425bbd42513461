#!/usr/bin/env bash
# The test command: on a fresh machine it installs what it needs, then typechecks, checks that dist/
# is a fresh bundle, and runs every test (unit and end-to-end against real Docker, nginx, HAProxy,
# Caddy and a registry).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-machine.sh
[[ -d node_modules/.bin ]] && [[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund
npm run typecheck
npm run lint
npm run check-dist
npm test

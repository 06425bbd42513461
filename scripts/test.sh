#!/usr/bin/env bash
# The test command: on a fresh machine it installs what it needs, then typechecks, checks that dist/
# is a fresh bundle, and runs every test (unit and end-to-end against real Docker, nginx, HAProxy,
# Caddy and a registry).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-machine.sh
# The Kubernetes control plane for test/e2e/kube-*.test.ts: built once per machine (about 14 minutes on
# 2 busy cores), then taken from /var/cache/immutable-deploy.
bash scripts/k8s-testbed.sh >/dev/null
[[ -d node_modules/.bin ]] && [[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund
npm run typecheck
npm run lint
npm run check-dist
mkdir -p .tmp
status=0
npm test -- --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json || status=$?
# One plain closing line with the counts, whatever reads this log.
node -e '
const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"

#!/usr/bin/env bash
# The test command: on a fresh machine it installs what it needs, then typechecks, checks that dist/
# is a fresh bundle, and runs every test (unit and end-to-end against real Docker, nginx, HAProxy,
# Caddy and a registry).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step says when it ended and how long it took (what a slow CI spends its time on).
step() {
  local name=$1 start=$SECONDS rc=0
  shift
  "$@" || rc=$?
  echo "test.sh: $name took $((SECONDS - start)) s (at $(date -u +%H:%M:%S))"
  return "$rc"
}
step setup-machine bash scripts/setup-machine.sh
# The Kubernetes control plane for test/e2e/kube-*.test.ts: built once per machine (about 14 minutes on
# 2 busy cores), then taken from /var/cache/immutable-deploy.
# Its directory goes to the tests (test/helpers/kube.ts), which then need not ask the script again.
k8s_start=$SECONDS
IMMUTABLE_DEPLOY_K8S_BIN=$(bash scripts/k8s-testbed.sh | tail -1)
export IMMUTABLE_DEPLOY_K8S_BIN
echo "test.sh: k8s-testbed took $((SECONDS - k8s_start)) s (at $(date -u +%H:%M:%S))"
if ! { [[ -d node_modules/.bin ]] && [[ node_modules/.package-lock.json -nt package-lock.json ]]; }; then
  step npm-ci npm ci --no-audit --no-fund
fi
# The typecheck, the lint and the bundle check (the longest: ncc type-checks and bundles src/) read the same
# sources and write nothing the others read: they run side by side, each step's output shown when it ends,
# and any of them failing fails the run. The bundle's edits to node_modules go first, so the others never
# read a file while it is written.
mkdir -p .tmp
node scripts/bundle.mjs --prepare
pids=()
for s in check-dist typecheck lint; do
  step "$s" npm run -s "$s" >".tmp/$s.log" 2>&1 &
  pids+=("$!")
done
checks=0
i=0
for s in check-dist typecheck lint; do
  rc=0
  wait "${pids[$i]}" || rc=$?
  i=$((i + 1))
  echo "--- npm run $s"
  cat ".tmp/$s.log"
  if ((rc)); then echo "test.sh: $s failed (exit $rc)" >&2; checks=1; fi
done
((checks == 0)) || exit 1
status=0
step vitest npm test -- --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json || status=$?
# One plain closing line with the counts, whatever reads this log.
node -e '
const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"

#!/usr/bin/env bash
# Local end-to-end demo of immutable-deploy, with the bundled action (dist/index.js) driven the way
# the GitHub runner drives it, a real HAProxy on 127.0.0.1, and the example app in examples/app:
#   deploy v1 -> deploy v2 -> show v2 serves -> roll back -> show v1 serves -> status.
# Usage: bash examples/demo/run.sh          (leaves the demo running so you can look around)
#        DEMO_CLEAN=1 bash examples/demo/run.sh   (removes everything at the end)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# Only what the demo uses (Docker, HAProxy, busybox): not the test beds' Go, etcd, Packer, Ansible or Prometheus.
bash "$root/scripts/setup-machine.sh" demo

app=demo-shop
work=$(mktemp -d /tmp/immutable-deploy-demo.XXXXXX)
bold() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Anything left from an earlier demo run goes first.
if [[ -f /tmp/immutable-deploy-demo.pid ]]; then kill "$(cat /tmp/immutable-deploy-demo.pid)" 2>/dev/null || true; fi
old=$( (docker ps -aq --filter "label=dev.immutable-deploy.app=$app"; docker ps -aq --filter "name=^$app-") | sort -u)
[[ -z $old ]] || docker rm -f $old >/dev/null
old=$(docker volume ls -q --filter "label=dev.immutable-deploy.app=$app")
[[ -z $old ]] || docker volume rm -f $old >/dev/null

# A real HAProxy on a free 127.0.0.1 port; the action owns the server slot "live" of backend demo-shop-demo
# (the default backend is <app>-<environment>).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/haproxy.cfg" <<CFG
global
    stats socket $work/haproxy.sock mode 600 level admin
    server-state-file $work/haproxy.state
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    load-server-state-from-file global
frontend web
    bind 127.0.0.1:$port
    default_backend $app-demo
backend $app-demo
    server live 127.0.0.1:1 disabled
CFG
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
echo $! > /tmp/immutable-deploy-demo.pid
for _ in $(seq 50); do [[ -S $work/haproxy.sock ]] && break; sleep 0.1; done

# The example app as a git repository (the action reads the commit from it).
repo=$work/app
cp -r "$root/examples/app" "$repo"
cp /usr/bin/busybox "$repo/busybox"
git -C "$repo" init -q -b main
commit() {
  sed -i "s/^<p>version: .*/<p>version: $1<\/p>/" "$repo/www/index.html"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=demo -c user.email=demo@example.com commit -qm "$1"
}

# Run the bundled action as the runner does: INPUT_* variables (hyphens kept), GITHUB_OUTPUT, summary.
action() {
  local out=$work/output summary=$work/summary.md
  : > "$out"; touch "$summary"
  env -i PATH="$PATH" HOME="$HOME" GITHUB_OUTPUT="$out" GITHUB_STEP_SUMMARY="$summary" \
    INPUT_APP=$app INPUT_ENVIRONMENT=demo INPUT_ROUTER=haproxy "INPUT_HAPROXY-SOCKET=$work/haproxy.sock" \
    "INPUT_HAPROXY-STATE-FILE=$work/haproxy.state" "INPUT_HEALTH-PATH=/healthz" "INPUT_DRAIN-SECONDS=1" \
    'INPUT_CHECKS=GET / 200 contains "Welcome"' \
    'INPUT_ACCEPTANCE-COMMAND=wget -qO- "$TARGET_URL/" | grep -q "version: $EXPECT"' EXPECT="${EXPECT:-}" \
    "$@" node "$root/dist/index.js" | grep -v -e '^::' -e '^ --->' -e '^Step ' -e '^Removing intermediate' -e '^Sending build' -e '^ *$' -e 'DEPRECATED' -e 'BuildKit is currently' -e 'environment-variable' -e 'install the buildx' -e 'docs.docker.com' || true
  grep -q '^live-version<<' "$out" || { echo "demo: the action failed (see above)" >&2; exit 1; }
}
serves() { wget -qO- "http://127.0.0.1:$port/" | sed -n 's/.*version: \(.*\)<\/p>/\1/p'; }

bold "deploy v1"
commit v1; (cd "$repo" && EXPECT=v1 action INPUT_COMMAND=deploy)
echo "balancer serves: $(serves)"

bold "deploy v2 (v1 stays warm)"
commit v2; (cd "$repo" && EXPECT=v2 action INPUT_COMMAND=deploy)
echo "balancer serves: $(serves)"
[[ $(serves) == v2 ]]

bold "roll back (one flip to the warm v1)"
start=$(date +%s%N)
(cd "$repo" && action INPUT_COMMAND=rollback)
echo "rollback took $(( ($(date +%s%N) - start) / 1000000 )) ms for the whole action run"
echo "balancer serves: $(serves)"
[[ $(serves) == v1 ]]

bold "status"
(cd "$repo" && action INPUT_COMMAND=status)
sed -n '/^versions<</,/^ghadelimiter/p' "$work/output" | sed -n 2p

bold "where to look"
cat <<TXT
  balancer:      http://127.0.0.1:$port/   (HAProxy, config $work/haproxy.cfg)
  instances:     docker ps --filter label=dev.immutable-deploy.app=$app
  job summary:   $work/summary.md   (what GitHub shows on the run page)
  runtime API:   echo "show servers state $app-demo" | socat - UNIX-CONNECT:$work/haproxy.sock
TXT

if [[ ${DEMO_CLEAN:-0} == 1 ]]; then
  kill "$(cat /tmp/immutable-deploy-demo.pid)" 2>/dev/null || true
  docker rm -f $(docker ps -aq --filter "label=dev.immutable-deploy.app=$app") >/dev/null 2>&1 || true
  docker image rm $(docker image ls -q $app | sort -u) >/dev/null 2>&1 || true
  docker volume rm -f $(docker volume ls -q --filter "label=dev.immutable-deploy.app=$app") >/dev/null 2>&1 || true
  rm -rf "$work" /tmp/immutable-deploy-demo.pid
  echo "  (cleaned up)"
else
  echo "  clean up:      DEMO_CLEAN=1 bash examples/demo/run.sh  (or kill $(cat /tmp/immutable-deploy-demo.pid) and docker rm -f the instances)"
fi

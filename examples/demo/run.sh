#!/usr/bin/env bash
# Local end-to-end demos of immutable-deploy: the bundled action (dist/index.js) driven the way the GitHub
# runner drives it (INPUT_* variables, GITHUB_OUTPUT, job summary), a real HAProxy on 127.0.0.1, and the
# example app in examples/app. About a minute each.
usage() {
  cat <<'TXT'
Usage: bash examples/demo/run.sh [MODE]
  blue-green  (the default) deploy v1, deploy v2 (v1 stays warm), roll back in one flip, status
  canary      deploy v1, then a v2 that answers 500 to some requests, in canary steps 20%, 50% under a
              bounded load on 127.0.0.1: HAProxy's own counters judge it and it is aborted at its first
              step; prints each step's share, requests, 5xx, error rate and verdict, and what the load saw
  fleet       two test hosts (network namespaces with their own dockerd and sshd, ssh://root@10.90.N.2)
              behind HAProxy: deploy v1, deploy v2, roll back, showing which version runs on which host
              (needs root: network namespaces; installs openssh-server and iproute2)
  clean [MODE...]  remove what the last run of these modes (default: all) left, without running anything
  --help      this text
Each mode installs only what it uses (bash scripts/setup-machine.sh --list demo|fleet) and leaves the demo
running so you can look around; DEMO_CLEAN=1 removes everything at the end. Running a mode again first
removes what its last run left.
TXT
}
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/examples/demo/hosts.sh"
app_of() { if [[ $1 == blue-green ]]; then echo demo-shop; else echo "demo-$1"; fi; }
# What a mode's last run left: its balancer's pid and its work directory.
state_of() { echo "/tmp/immutable-deploy-demo-$1.state"; }

# Remove what the last run of mode $1 left: its balancer, test hosts and work directory, and the app's
# instances, records and images on this machine's engine.
clean_mode() {
  local app state old pid dir
  app=$(app_of "$1") state=$(state_of "$1")
  if [[ -f $state ]]; then
    pid=$(sed -n 's/^pid=//p' "$state") dir=$(sed -n 's/^work=//p' "$state")
    if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; fi
    if [[ -d $dir && $dir == /tmp/immutable-deploy-demo.* ]]; then
      if [[ -d $dir/hosts ]]; then hosts_stop "$dir"; fi
      rm -rf "$dir"
    fi
    rm -f "$state"
  fi
  if [[ $1 == blue-green && -f /tmp/immutable-deploy-demo.pid ]]; then # (where an older demo kept its balancer's pid)
    kill "$(cat /tmp/immutable-deploy-demo.pid)" 2>/dev/null || true
    rm -f /tmp/immutable-deploy-demo.pid
  fi
  old=$( (docker ps -aq --filter "label=dev.immutable-deploy.app=$app"; docker ps -aq --filter "name=^$app-") | sort -u)
  [[ -z $old ]] || docker rm -f $old >/dev/null
  old=$(docker volume ls -q --filter "label=dev.immutable-deploy.app=$app")
  [[ -z $old ]] || docker volume rm -f $old >/dev/null
  old=$(docker image ls -q "$app" | sort -u)
  [[ -z $old ]] || docker image rm -f $old >/dev/null
}

mode=${1:-blue-green}
case $mode in
  -h | --help | help) usage; exit 0 ;;
  clean)
    shift
    modes=("$@")
    ((${#modes[@]})) || modes=(blue-green canary fleet)
    for m in "${modes[@]}"; do
      case $m in blue-green | canary | fleet) ;; *) echo "demo: unknown mode '$m'" >&2; exit 2 ;; esac
    done
    for m in "${modes[@]}"; do clean_mode "$m"; done
    echo "demo: cleaned up (${modes[*]})"
    exit 0
    ;;
  blue-green | canary | fleet) ;;
  *) echo "demo: unknown mode '$mode'" >&2; usage >&2; exit 2 ;;
esac
# Only what the demo uses (Docker, HAProxy, busybox; for the fleet also sshd and iproute2): not the test
# beds' Go, etcd, Packer, Ansible or Prometheus.
if [[ $mode == fleet ]]; then bash "$root/scripts/setup-machine.sh" fleet; else bash "$root/scripts/setup-machine.sh" demo; fi
app=$(app_of "$mode") state=$(state_of "$mode")
bold() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Anything left from an earlier run of this mode goes first.
clean_mode "$mode"

work=$(mktemp -d /tmp/immutable-deploy-demo.XXXXXX)
echo "work=$work" > "$state"

# A real HAProxy on a free 127.0.0.1 port; the action owns the server slot(s) "live" of backend
# <app>-demo (the default backend is <app>-<environment>). $1: slots (0: one server line "live").
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start_haproxy() {
  local servers="    server live 127.0.0.1:1 disabled"
  (($1 > 0)) && servers="    server-template live 1-$1 127.0.0.1:1 disabled"
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
$servers
CFG
  haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
  echo "pid=$!" >> "$state"
  for _ in $(seq 50); do [[ -S $work/haproxy.sock ]] && break; sleep 0.1; done
}
# One command to HAProxy's runtime API (python3: the demo needs no socat).
haproxy_cmd() {
  python3 - "$work/haproxy.sock" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(sys.argv[2].encode() + b"\n")
out = b""
while chunk := s.recv(65536): out += chunk
print(out.decode(), end="")
PY
}

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

# The action's log as people read it: workflow commands dropped, errors and warnings decoded, the image
# build's chatter left out.
show_log() {
  sed -u -e '/^::\(error\|warning\)/{s/^::\(error\|warning\)[^:]*::/\1: /;s/%0A/\n    /g;s/%25/%/g;b}' -e '/^::/d' |
    grep --line-buffered -v -e '^ --->' -e '^Step ' -e '^Removing intermediate' -e '^Sending build' -e '^ *$' -e 'DEPRECATED' \
      -e 'BuildKit is currently' -e 'environment-variable' -e 'install the buildx' -e 'docs.docker.com' || true
}
# Pass lines through, and append each to $1 with the time it came (for the canary's per-step counts).
stamped() {
  local l
  while IFS= read -r l; do printf '%s\n' "$l"; printf '%s %s\n' "$EPOCHREALTIME" "$l" >> "$1"; done
}
# Run the bundled action as the runner does: INPUT_* variables (hyphens kept), GITHUB_OUTPUT, summary.
# Mode inputs come from the array `inputs`, the call's own as arguments; returns the action's exit code.
# RUN_HOME and RUN_PATH: the runner's HOME and PATH (the fleet's ssh client directory).
inputs=()
run_action() {
  local out=$work/output summary=$work/summary.md rc
  : > "$out"; : > "$summary"; : > "$work/log.t"
  set +e
  env -i PATH="${RUN_PATH:-$PATH}" HOME="${RUN_HOME:-$HOME}" GITHUB_OUTPUT="$out" GITHUB_STEP_SUMMARY="$summary" \
    INPUT_APP=$app INPUT_ENVIRONMENT=demo INPUT_ROUTER=haproxy "INPUT_HAPROXY-SOCKET=$work/haproxy.sock" \
    "INPUT_HAPROXY-STATE-FILE=$work/haproxy.state" "INPUT_HEALTH-PATH=/healthz" "INPUT_DRAIN-SECONDS=1" \
    EXPECT="${EXPECT:-}" "${inputs[@]}" "$@" node "$root/dist/index.js" | show_log | stamped "$work/log.t"
  rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}
action() {
  run_action "$@" || { echo "demo: the action failed (see above)" >&2; exit 1; }
}
# One output of the last run (GITHUB_OUTPUT's name<<delimiter form).
output() { sed -n "/^$1<</,/^ghadelimiter/p" "$work/output" | sed -n 2p; }
serves() { wget -qO- "http://127.0.0.1:$port/" | sed -n 's/.*version: \(.*\)<\/p>/\1/p'; }

where_to_look() {
  bold "where to look"
  local instances="docker ps --filter label=dev.immutable-deploy.app=$app"
  [[ $mode == fleet ]] && instances="docker -H unix://$work/hosts/demo1/run/docker.sock ps   (host 1; demo2 for host 2)
  a host's shell: ip netns exec demo1 sh   (its sshd: ssh -F $(hosts_client "$work")/ssh_config $hosts_base.1.2)"
  cat <<TXT
  balancer:      http://127.0.0.1:$port/   (HAProxy, config $work/haproxy.cfg)
  instances:     $instances
  job summary:   $work/summary.md   (what GitHub shows on the run page)
  runtime API:   echo "show servers state $app-demo" | socat - UNIX-CONNECT:$work/haproxy.sock
TXT
}

finish() {
  if [[ ${DEMO_CLEAN:-0} == 1 ]]; then
    clean_mode "$mode"
    echo "  (cleaned up)"
  else
    local arg=; [[ $mode == blue-green ]] || arg=" $mode"
    echo "  clean up:      bash examples/demo/run.sh clean$arg   (or run it with DEMO_CLEAN=1: it removes everything at the end)"
  fi
}

blue_green() {
  start_haproxy 0
  inputs=('INPUT_CHECKS=GET / 200 contains "Welcome"'
    'INPUT_ACCEPTANCE-COMMAND=wget -qO- "$TARGET_URL/" | grep -q "version: $EXPECT"')

  bold "deploy v1"
  commit v1; (cd "$repo" && EXPECT=v1 action INPUT_COMMAND=deploy)
  echo "balancer serves: $(serves)"

  bold "deploy v2 (v1 stays warm)"
  commit v2; (cd "$repo" && EXPECT=v2 action INPUT_COMMAND=deploy)
  echo "balancer serves: $(serves)"
  [[ $(serves) == v2 ]]

  bold "roll back (one flip to the warm v1)"
  local start; start=$(date +%s%N)
  (cd "$repo" && action INPUT_COMMAND=rollback)
  echo "rollback took $(( ($(date +%s%N) - start) / 1000000 )) ms for the whole action run"
  echo "balancer serves: $(serves)"
  [[ $(serves) == v1 ]]

  bold "status"
  (cd "$repo" && action INPUT_COMMAND=status)
  output versions
}

# v2 of the canary demo ships a bug its checks do not catch: / answers 500 to about 2 requests in 5 (a CGI
# script in place of the static page); /healthz, the health check and the checks still pass.
commit_bad_v2() {
  sed -i "s/^<p>version: .*/<p>version: v2<\/p>/" "$repo/www/index.html"
  git -C "$repo" mv www/index.html www/shop.html
  mkdir -p "$repo/www/cgi-bin"
  cat > "$repo/www/cgi-bin/index.cgi" <<'CGI'
#!/bin/busybox sh
# v2's bug: about 2 requests in 5 fail.
if [ $((RANDOM % 100)) -lt 40 ]; then
  printf 'Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nv2 broke\n'
else
  printf 'Content-Type: text/html\r\n\r\n'; /bin/busybox cat /www/shop.html
fi
CGI
  chmod 755 "$repo/www/cgi-bin/index.cgi"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=demo -c user.email=demo@example.com commit -qm "v2 (with a bug)"
}

# What the load saw in [from, to): "120 requests: v1 98, v2 12, 500 10 (v2 answered 18.3%)".
load_counts() {
  awk -v from="$1" -v to="${2:-9999999999}" '$1 >= from && $1 < to { n[$2]++; t++ }
    END {
      if (!t) { print "no requests"; exit }
      s = sprintf("%d requests: v1 %d, v2 %d, 500 %d", t, n["v1"], n["v2"], n["500"])
      for (k in n) if (k != "v1" && k != "v2" && k != "500") s = s sprintf(", %s %d", k, n[k])
      printf "%s (v2 answered %.1f%%)\n", s, 100 * (n["v2"] + n["500"]) / t
    }' "$work/load.log"
}
# The load's answers per step: from each "step k/n: ... now routes" line of the action's log to the next
# such line or "Traffic is back on", and after that until the load stopped.
load_by_step() {
  local marks i t next label
  mapfile -t marks < <(grep -E '^[0-9.]+ (step [0-9]+/[0-9]+: .* now routes|Traffic is back on)' "$work/log.t")
  for i in "${!marks[@]}"; do
    t=${marks[i]%% *} label=${marks[i]#* } next=
    ((i + 1 < ${#marks[@]})) && next=${marks[i + 1]%% *}
    case $label in
      step*) label="during ${label%%:*}:" ;;
      *) label="after it (v1 100%):" ;;
    esac
    printf '  %-22s %s\n' "$label" "$(load_counts "$t" "$next")"
  done
}

canary() {
  start_haproxy 2
  inputs=('INPUT_CHECKS=GET /healthz 200' INPUT_STRATEGY=canary 'INPUT_CANARY-STEPS=20, 50' INPUT_STEP-SECONDS=5
    INPUT_MIN-REQUESTS=20 INPUT_MAX-ERROR-RATE=1 INPUT_KEEP=1 INPUT_STOP-TIMEOUT=1)

  bold "deploy v1 (nothing is live yet: all traffic at once)"
  commit v1; (cd "$repo" && action INPUT_COMMAND=deploy)
  echo "balancer serves: $(serves)"

  bold "deploy a bad v2 in canary steps 20%, 50%, 100% (each judged 5 s by HAProxy's own counters; max-error-rate 1%)"
  commit_bad_v2
  echo "v1 is sha-$(git -C "$repo" rev-parse --short=7 HEAD~1), v2 is sha-$(git -C "$repo" rev-parse --short=7 HEAD)"
  python3 "$root/examples/demo/load.py" "http://127.0.0.1:$port/" "$work/load.log" "$work/load.stop" 90 6000 2 &
  local load=$! start end rc=0
  start=$(date +%s.%N)
  echo "load: 2 clients asking http://127.0.0.1:$port/ about 50 times a second (at most 90 s, 6000 requests)"
  (cd "$repo" && run_action INPUT_COMMAND=deploy) || rc=$?
  end=$(date +%s.%N)
  # What serves after the run: the load goes on until 100 more answers came (at most 10 s).
  for _ in $(seq 100); do
    (($(awk -v t="$end" '$1 >= t' "$work/load.log" | wc -l) >= 100)) && break
    sleep 0.1
  done
  touch "$work/load.stop"; wait "$load"
  if ((rc == 0)); then echo "demo: the bad v2 was not aborted (see above)" >&2; exit 1; fi
  grep -q 'failed its canary step 1/' "$work/log.t" || { echo "demo: the deploy of v2 failed, but not at its first canary step (see above)" >&2; exit 1; }

  bold "the steps, as the job summary shows them (HAProxy's counters for v2's instances)"
  sed -n '/^| step | share /,/^$/p' "$work/summary.md" | sed '/^$/d'
  bold "what the load saw (answers to its requests by when they were sent)"
  printf '  %-22s %s\n' "before step 1:" "$(load_counts "$start" "$(grep -m1 -E '^[0-9.]+ step 1/' "$work/log.t" | cut -d' ' -f1)")"
  load_by_step
  echo "balancer serves: $(serves)"
  [[ $(serves) == v1 ]]

  bold "status"
  (cd "$repo" && action INPUT_COMMAND=status)
  output versions
}

# Which version runs on which host, and which instances the balancer sends traffic to (its slots that are
# up and not in maintenance). `names` maps versions to v1, v2.
declare -A names
fleet_where() {
  local active n version ports addr
  active=$(haproxy_cmd "show servers state $app-demo" | awk 'NR > 2 && $6 != 0 && $7 % 2 == 0 { print $5 ":" $19 }')
  printf '  %-22s %-18s %-18s %s\n' host version instance balancer
  for n in 1 2; do
    while read -r version ports; do
      addr=${ports%%->*}
      printf '  %-22s %-18s %-18s %s\n' "ssh://root@$hosts_base.$n.2" "${names[$version]:-?} $version" "$addr" \
        "$(grep -qxF "$addr" <<<"$active" && echo "serves" || echo "warm, no traffic")"
    done < <(docker -H "unix://$work/hosts/demo$n/run/docker.sock" ps --filter "label=dev.immutable-deploy.app=$app" \
      --filter label=dev.immutable-deploy.role=instance --format '{{.Label "dev.immutable-deploy.version"}} {{.Ports}}' | sort)
  done
  echo "balancer serves: $(serves)"
}

fleet() {
  bold "two test hosts: network namespaces with their own dockerd and sshd"
  hosts_start "$work" 1 2
  echo "  ssh://root@$hosts_base.1.2 and ssh://root@$hosts_base.2.2 (each its own Docker engine; the action reaches them over ssh)"
  start_haproxy 4
  RUN_HOME=$(hosts_client "$work") RUN_PATH="$(hosts_client "$work")/bin:$PATH"
  inputs=('INPUT_CHECKS=GET / 200 contains "Welcome"' "INPUT_HOSTS=ssh://root@$hosts_base.1.2
ssh://root@$hosts_base.2.2" INPUT_REPLICAS=1 INPUT_KEEP=1 INPUT_STOP-TIMEOUT=1)

  bold "deploy v1 to both hosts (built here, sent to each host by docker save | docker load over ssh)"
  commit v1; (cd "$repo" && action INPUT_COMMAND=deploy)
  names[$(output version)]=v1
  fleet_where

  bold "deploy v2 to both hosts (v1 stays warm on both)"
  commit v2; (cd "$repo" && action INPUT_COMMAND=deploy)
  names[$(output version)]=v2
  fleet_where
  [[ $(serves) == v2 ]]

  bold "roll back: one switch of the balancer to the warm v1 on both hosts"
  local start; start=$(date +%s%N)
  (cd "$repo" && action INPUT_COMMAND=rollback)
  echo "rollback took $(( ($(date +%s%N) - start) / 1000000 )) ms for the whole action run"
  fleet_where
  [[ $(serves) == v1 ]]

  bold "status"
  (cd "$repo" && action INPUT_COMMAND=status)
  output versions
}

case $mode in
  blue-green) blue_green ;;
  canary) canary ;;
  fleet) fleet ;;
esac
where_to_look
finish

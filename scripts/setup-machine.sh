#!/usr/bin/env bash
# Makes a fresh Debian 12 machine ready for the demo or the tests: installs the Debian packages a profile
# needs (only the missing ones) and starts dockerd when no Docker engine answers. Idempotent.
#   bash scripts/setup-machine.sh           # all: the tests (balancers, registry, test hosts, Prometheus, the
#                                           # Kubernetes test bed's build, Packer and Ansible)
#   bash scripts/setup-machine.sh demo      # only what examples/demo/run.sh uses: Docker, HAProxy, busybox
#   bash scripts/setup-machine.sh fleet     # what `examples/demo/run.sh fleet` adds: sshd and iproute2 for its test hosts
#   bash scripts/setup-machine.sh --list demo   # prints the profile's packages, installs nothing
set -euo pipefail

list=0
if [[ ${1:-} == --list ]]; then list=1; shift; fi
profile=${1:-all}

# examples/demo/run.sh: Docker (the instances), HAProxy (the balancer), a static busybox (the example app's
# image is FROM scratch), git (the app's commits), wget and python3 (its checks and a free port).
demo=(docker.io haproxy busybox-static git ca-certificates wget python3)
# examples/demo/run.sh fleet: the demo, and two test hosts (network namespaces, each with its own dockerd and
# sshd; nsenter, unshare and findmnt come with util-linux, ps with procps).
fleet=("${demo[@]}" openssh-server openssh-client iproute2 util-linux procps)
all=("${fleet[@]}" nginx libnginx-mod-http-js caddy docker-registry wrk hyperfine socat prometheus
  # The Kubernetes test bed (scripts/k8s-testbed.sh builds the control plane from Debian's source).
  etcd-server golang-go golang-github-modern-go-reflect2-dev rsync make dpkg-dev openssl
  # Packer golden images (issue 13): Packer with the Docker builder, the Ansible provisioner, a debootstrapped base.
  packer ansible debootstrap zip)
case $profile in
  demo) packages=("${demo[@]}") ;;
  fleet) packages=("${fleet[@]}") ;;
  all) packages=("${all[@]}") ;;
  *) echo "setup: unknown profile '$profile' (demo, fleet or all)" >&2; exit 2 ;;
esac
if ((list)); then printf '%s\n' "${packages[@]}"; exit 0; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=(); [[ $(id -u) == 0 ]] || sudo=(sudo)
  # Do not let package scripts start nginx/haproxy/caddy as system services: tests start their own.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod +x /usr/sbin/policy-rc.d
    trap '"${sudo[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "setup: starting dockerd"
  sudo=(); [[ $(id -u) == 0 ]] || sudo=(sudo)
  nohup "${sudo[@]}" dockerd >/tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "setup: dockerd did not start; see /tmp/dockerd.log" >&2; tail -20 /tmp/dockerd.log >&2; exit 1; }
fi
if [[ $profile != all ]]; then
  echo "setup: docker $(docker version --format '{{.Server.Version}}'), haproxy $(haproxy -v | head -1 | awk '{print $3}')"
else
  echo "setup: docker $(docker version --format '{{.Server.Version}}'), $(nginx -v 2>&1 | cut -d/ -f2) nginx, haproxy $(haproxy -v | head -1 | awk '{print $3}'), caddy $(caddy version | awk '{print $1}')"
fi

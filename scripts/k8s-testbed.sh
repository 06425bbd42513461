#!/usr/bin/env bash
# The Kubernetes control plane the tests run against, built from Debian's own source package.
#
# No kind, k3s or image pulls on these machines, but Debian's source package `kubernetes` (1.20.x)
# holds the whole upstream tree with vendor/. This script builds kube-apiserver,
# kube-controller-manager and kube-scheduler from it with Debian's Go (GOPATH mode) into a cache
# OUTSIDE the repository, keyed by its inputs (source version, Go version, the build steps below),
# so a warm machine skips the build (about 10 minutes on 2 cores when cold).
#
#   bash scripts/k8s-testbed.sh              build if the cache misses; prints the binaries' dir
#   bash scripts/k8s-testbed.sh --print-dir  prints the dir if it is built, else exits 1 (no build)
#
# IMMUTABLE_DEPLOY_CACHE (default /var/cache/immutable-deploy) moves the cache.
# etcd is Debian's etcd-server; the tests (test/helpers/kube.ts) start everything themselves.
set -euo pipefail

cache_root=${IMMUTABLE_DEPLOY_CACHE:-/var/cache/immutable-deploy}
sudo=(); [[ $(id -u) == 0 ]] || sudo=(sudo)
log() { echo "k8s-testbed: $*" >&2; }

packages=(dpkg-dev golang-go golang-github-modern-go-reflect2-dev rsync make etcd-server)

ensure_packages() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  # etcd-server's package scripts would start a system etcd: the tests start their own.
  local own_policy=
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  local rc=0
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null || rc=$?
  [[ -z $own_policy ]] || "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
  return "$rc"
}

# A deb-src entry for the machine's own Debian sources (same mirror, suites and keyring), so
# `apt-get source` fetches the source of exactly the release installed here.
ensure_deb_src() {
  local src=/etc/apt/sources.list.d/immutable-deploy-src.sources
  if apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Version:'; then return 0; fi
  if [[ ! -e $src ]]; then
    if [[ -e /etc/apt/sources.list.d/debian.sources ]]; then
      # deb822: every stanza of the Debian sources, as deb-src.
      sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | "${sudo[@]}" tee "$src" >/dev/null
    elif grep -qE '^deb ' /etc/apt/sources.list 2>/dev/null; then
      src=/etc/apt/sources.list.d/immutable-deploy-src.list
      sed -nE 's/^deb (.*)/deb-src \1/p' /etc/apt/sources.list | "${sudo[@]}" tee "$src" >/dev/null
    else
      log "no Debian apt sources found to derive a deb-src entry from"; exit 1
    fi
    log "added $src"
  fi
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
}

source_version() {
  apt-cache showsrc kubernetes | sed -n 's/^Version: //p' | sort -V | tail -1
}

# The build steps. Their text is part of the cache key: changing them rebuilds.
build() {
  local work=$1 out=$2 version=$3
  cd "$work"
  apt-get source -qq "kubernetes=$version" >/dev/null
  local tree
  tree=$(find . -maxdepth 1 -mindepth 1 -type d -name 'kubernetes-*' | head -1)
  [[ -n $tree ]] || { log "apt-get source kubernetes=$version left no source tree"; exit 1; }
  mkdir -p gopath/src/k8s.io
  mv "$tree" gopath/src/k8s.io/kubernetes
  # GOPATH mode (module mode fails on this tree); it uses vendor/ on its own.
  export GOPATH=$work/gopath GO111MODULE=off CGO_ENABLED=0 GOCACHE=$work/gocache
  cd gopath/src/k8s.io/kubernetes
  # reflect2 v1.0.1 (vendored) breaks on Go 1.18+; Debian's 1.0.2 works.
  rm -rf vendor/github.com/modern-go/reflect2
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/reflect2
  # The generated OpenAPI definitions are not in the source package: generate them.
  if [[ ! -e pkg/generated/openapi/zz_generated.openapi.go ]]; then
    make gen_openapi
  fi
  local ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v${version%%[-+]*}"
  mkdir -p "$out"
  local cmd
  for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
    log "go build $cmd"
    go build -ldflags "$ldflags" -o "$out/$cmd" "k8s.io/kubernetes/cmd/$cmd"
  done
}

ensure_packages
ensure_deb_src
version=$(source_version)
[[ -n $version ]] || { log "apt-cache showsrc kubernetes gives no version"; exit 1; }
key=$( { declare -f build; go version; } | sha256sum | cut -c1-12)
dir=$cache_root/k8s-$version-$key

if [[ -x $dir/kube-apiserver && -x $dir/kube-controller-manager && -x $dir/kube-scheduler ]]; then
  echo "$dir"; exit 0
fi
[[ ${1:-} == --print-dir ]] && { log "not built yet: $dir (run bash scripts/k8s-testbed.sh)"; exit 1; }

"${sudo[@]}" mkdir -p "$cache_root"
"${sudo[@]}" chown "$(id -u):$(id -g)" "$cache_root"
# One build at a time per machine; a second caller waits and then finds the cache warm.
exec 9>"$cache_root/.k8s-build.lock"
flock 9
if [[ -x $dir/kube-apiserver && -x $dir/kube-controller-manager && -x $dir/kube-scheduler ]]; then
  echo "$dir"; exit 0
fi
work=$(mktemp -d "$cache_root/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
log "building Kubernetes $version control plane into $dir (about 10 minutes on 2 cores)"
start=$SECONDS
(build "$work" "$work/out" "$version")
rm -rf "$dir" && mv "$work/out" "$dir"
log "built in $((SECONDS - start)) s: $dir"
echo "$dir"

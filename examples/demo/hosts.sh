# Test hosts for `run.sh fleet`, sourced by run.sh: two machines on this one. Each is a network namespace
# (a veth pair: 10.90.N.1 on the machine's side, 10.90.N.2 inside) with its own dockerd (own data root,
# exec root, socket, --bip, --iptables=false) and its own sshd (root by a key made here, in a mount
# namespace where the host's own run directory is /run, so /var/run/docker.sock there is this host's
# engine). The action reaches them as ssh://root@10.90.N.2, as it reaches real hosts; HOME and PATH of its
# run point at a client directory (key, known hosts, ~/.ssh/config, an `ssh` using them), so nothing in
# the real ~/.ssh changes. The same construction as test/helpers/hosts.ts, in shell. Needs root.
#   hosts_start DIR N...   make hosts demo<N> under DIR (a host of that name left there is cleaned first)
#   hosts_stop DIR         stop and remove every host under DIR, and the client directory

hosts_base=10.90

hosts_client() { echo "$1/client"; }

# Every process below a pid (children, their children, ...).
hosts_descendants() {
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; hosts_descendants "$c"; done
}

# Stop a process started by this script (by its pid file): TERM, then KILL after $2 seconds.
hosts_stop_pid() {
  local file=$1 wait=${2:-20} pid
  [[ -f $file ]] || return 0
  pid=$(cat "$file")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq $((wait * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

hosts_stop_one() {
  local dir=$1 name m
  name=$(basename "$dir")
  # sshd's sessions outlive it (they hold their connections): they go first.
  if [[ -f $dir/sshd.pid ]]; then
    for m in $(hosts_descendants "$(cat "$dir/sshd.pid")"); do kill -9 "$m" 2>/dev/null || true; done
  fi
  hosts_stop_pid "$dir/sshd.pid" 5
  # The host and its instances go for good: removed at once, not stopped gracefully by dockerd's shutdown.
  if [[ -S $dir/run/docker.sock ]]; then
    m=$(docker -H "unix://$dir/run/docker.sock" ps -aq 2>/dev/null || true)
    [[ -z $m ]] || docker -H "unix://$dir/run/docker.sock" rm -f $m >/dev/null 2>&1 || true
  fi
  hosts_stop_pid "$dir/docker.pid" 20
  for m in $(findmnt -rn -o TARGET | grep "^$dir/" | sort -r); do umount -l "$m" 2>/dev/null || true; done
  if ip netns list | awk '{print $1}' | grep -qx "$name"; then ip netns del "$name"; fi
  ip link del "${name}h" 2>/dev/null || true
  rm -rf "$dir"
}

hosts_stop() {
  local d n client
  client=$(hosts_client "$1")
  for d in "$1"/hosts/*/; do
    [[ -d $d ]] || continue
    # The shared ssh connection to the host (ControlMaster) ends first.
    n=$(basename "$d"); n=${n#demo}
    [[ -x $client/bin/ssh ]] && "$client/bin/ssh" -O exit "$hosts_base.$n.2" >/dev/null 2>&1 || true
    hosts_stop_one "${d%/}"
  done
  rm -rf "$client" "$1/hosts"
}

hosts_wait() {
  local what=$1 log=$2; shift 2
  for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "demo: $what did not come up within 30 s; last lines of $log:" >&2
  tail -15 "$log" >&2
  return 1
}

hosts_start() {
  local work=$1; shift
  [[ $(id -u) == 0 ]] || { echo "demo: the fleet's test hosts need root (network namespaces, dockerd, sshd)" >&2; return 1; }
  local client n name dir address gateway known=()
  client=$(hosts_client "$work")
  mkdir -p "$client/bin" "$client/.ssh" "$work/hosts" /run/sshd
  chmod 700 "$client/.ssh"
  [[ -f $client/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C demo-fleet -f "$client/id_ed25519"
  cat > "$client/ssh_config" <<CFG
Host $hosts_base.*
  User root
  IdentityFile $client/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $client/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 5
  ControlMaster auto
  ControlPath $client/cm-%C
  ControlPersist 30
CFG
  # The action reads ~/.ssh/config itself; the docker CLI runs `ssh`, which is this wrapper.
  cp "$client/ssh_config" "$client/.ssh/config"
  printf '#!/bin/sh\nexec /usr/bin/ssh -F %s "$@"\n' "$client/ssh_config" > "$client/bin/ssh"
  chmod 755 "$client/bin/ssh"

  for n in "$@"; do
    name=demo$n dir=$work/hosts/demo$n address=$hosts_base.$n.2 gateway=$hosts_base.$n.1
    hosts_stop_one "$dir"
    mkdir -p "$dir/run/sshd"
    ip netns add "$name"
    ip link add "${name}h" type veth peer name "${name}n"
    ip link set "${name}n" netns "$name"
    ip addr add "$gateway/24" dev "${name}h"
    ip link set "${name}h" up
    ip -n "$name" addr add "$address/24" dev "${name}n"
    ip -n "$name" link set "${name}n" up
    ip -n "$name" link set lo up
    ip -n "$name" route add default via "$gateway"

    # Its engine: nsenter --net (not `ip netns exec`, which remounts /sys and hides the cgroup mounts).
    setsid nsenter --net="/var/run/netns/$name" dockerd --data-root "$dir/data" --exec-root "$dir/exec" \
      --pidfile "$dir/docker.pid" -H "unix://$dir/run/docker.sock" --bip "$hosts_base.$((128 + n)).1/24" \
      --iptables=false --ip6tables=false >"$dir/dockerd.log" 2>&1 < /dev/null &

    # Its sshd: root by the client key only; docker calls in its sessions go to this host's engine.
    ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$dir/ssh_host_ed25519_key"
    cp "$client/id_ed25519.pub" "$dir/authorized_keys"
    cat > "$dir/sshd_config" <<CFG
ListenAddress $address
Port 22
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxSessions 100
MaxStartups 100:30:200
SetEnv DOCKER_HOST=unix://$dir/run/docker.sock
CFG
    nsenter --net="/var/run/netns/$name" unshare --mount --propagation private \
      sh -c 'mount --bind "$1" /run && exec /usr/sbin/sshd -f "$2" -E "$3"' sshd "$dir/run" "$dir/sshd_config" "$dir/sshd.log"
    known+=("$address $(cut -d' ' -f1-2 "$dir/ssh_host_ed25519_key.pub")")
  done
  printf '%s\n' "${known[@]}" > "$client/known_hosts"
  for n in "$@"; do
    dir=$work/hosts/demo$n
    hosts_wait "dockerd of demo$n" "$dir/dockerd.log" docker -H "unix://$dir/run/docker.sock" version
    hosts_wait "sshd of demo$n" "$dir/sshd.log" "$client/bin/ssh" "$hosts_base.$n.2" docker version
  done
}

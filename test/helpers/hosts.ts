/**
 * Test hosts: several machines on one. A test host is a network namespace this helper creates
 * (`ip netns add`, a veth pair, <base>.N.1 on the machine's side and <base>.N.2 inside), running its own
 * dockerd (started with `nsenter --net=/var/run/netns/NAME`, not `ip netns exec`, which remounts /sys and
 * hides the cgroup mounts; own --data-root, --exec-root, --pidfile, unix socket, --bip, --iptables=false)
 * and its own sshd (Debian openssh-server, root login by a key made here; in a mount namespace where the
 * host's own run directory is /run, so /var/run/docker.sock there is this host's engine). The action reaches
 * it as ssh://root@<base>.N.2 (its engine through a stream-local forward to /var/run/docker.sock; the docker
 * CLI through `docker system dial-stdio`, DOCKER_HOST set by sshd); `env.HOME` is a directory of this
 * helper's whose ~/.ssh/config the action reads, and `env.PATH` puts an `ssh` first that uses the same client
 * config (key, known hosts, connection sharing) for the docker CLI, so nothing in the real ~/.ssh changes.
 *
 * Before any namespace exists, `ip route add unreachable <base>.0.0/16` keeps a stray connection to the
 * range on the machine (each veth adds its more specific /24). Test traffic goes only to 127.0.0.1 and to
 * these namespaces' addresses.
 *
 * Ranges in use: 10.77.1-19 fleet e2e tests, 10.77.21-29 fleet benchmarks (other helpers pick their own
 * N or `base`); 10.90.1-2 is examples/demo/run.sh fleet's (examples/demo/hosts.sh, the same hosts in shell). Names start with the caller's prefix; a host left behind by a killed run with the same
 * name is cleaned up before it is made again.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const ROOT_DIR = '/tmp/immutable-deploy-hosts';

export interface HostOptions {
  /** Namespace names start with this (e.g. `fleet`): the host is `<prefix><n>`. */
  prefix: string;
  /** Subnet numbers N, one per host: the host is <base>.N.2. 1..127. */
  subnets: number[];
  /** The first two octets of the range (default 10.77). */
  base?: string;
  /** Also listen on tcp://<address>:2375 (plain TCP, inside the namespace only). */
  tcp?: boolean;
  /** Share one ssh connection per host between docker calls (ControlMaster). Default true. */
  multiplex?: boolean;
  /** Registries the hosts' engines may pull from over plain HTTP (--insecure-registry). */
  insecureRegistries?: string[];
}

export interface TestHost {
  /** The namespace name, e.g. fleet1. */
  name: string;
  /** The host's address, where the balancer reaches its instances: <base>.N.2. */
  address: string;
  /** The machine's side of the veth: <base>.N.1. */
  gateway: string;
  /** What `hosts` names it by: ssh://root@<address>. */
  endpoint: string;
  /** tcp://<address>:2375 when started with `tcp`. */
  tcpEndpoint: string;
  /** Its dockerd's socket, for the test's own docker calls (DOCKER_HOST=unix://...). */
  socket: string;
  dir: string;
  /** `docker ...` against this host's engine (its socket). */
  docker(...args: string[]): string;
  /** Whether `docker ...` against this host succeeds. */
  dockerOk(...args: string[]): boolean;
  /** Stop this host's dockerd (SIGTERM, as a machine's engine going down); startEngine() brings it back. */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
  engineRunning(): boolean;
  /** Stop this host's sshd and end its open sessions (a host whose sshd went down); startSshd() brings it back. */
  stopSshd(): Promise<void>;
  startSshd(): Promise<void>;
  /** End every open ssh session on this host (their connections drop), sshd itself listening on. */
  dropSshSessions(): Promise<void>;
}

export interface TestHosts {
  hosts: TestHost[];
  /** Environment for runs that reach the hosts over ssh: HOME with the helper's ~/.ssh/config, PATH with its `ssh` first. */
  env: Record<string, string>;
  /** The `hosts` input for these hosts: one `<endpoint>` per line (the address is the endpoint's IP). */
  input(kind?: 'ssh' | 'tcp'): string;
  /** `docker save <ref>` from the machine's engine into every host's engine. */
  load(ref: string): void;
  /**
   * Make 127.0.0.1:<port> inside every host reach 127.0.0.1:<port> on the machine (e.g. a registry, which
   * Docker on every engine then treats as insecure, as on loopback): socat on the host's gateway address
   * and socat inside the namespace, both stopped by stop().
   */
  forward(port: number): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sh(cmd: string, args: string[], allowFailure = false): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0 && !allowFailure) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return (r.stdout ?? '').trim();
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const n = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

async function stopPid(pid: number | undefined, waitMs = 20_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid!, 'SIGTERM');
  const deadline = Date.now() + waitMs;
  while (alive(pid) && Date.now() < deadline) await sleep(50);
  if (alive(pid)) process.kill(pid!, 'SIGKILL');
  while (alive(pid)) await sleep(20);
}

/** Every process below `pid` (children, their children, ...). */
function descendants(pid: number | undefined): number[] {
  if (!pid) return [];
  const children = sh('ps', ['-o', 'pid=', '--ppid', String(pid)], true)
    .split('\n')
    .map((x) => Number(x.trim()))
    .filter((n) => n > 0);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/** Leftovers of a host with this name (a killed test run): its processes (by their pid files), mounts, namespace, files. */
async function cleanupHost(name: string, dir: string): Promise<void> {
  // sshd's sessions outlive it (they hold their connections): they go first, or they stay on as orphans.
  for (const pid of descendants(readPid(join(dir, 'sshd.pid')))) if (alive(pid)) process.kill(pid, 'SIGKILL');
  // The host's containers go first, killed at once: dockerd shutting down would stop them one stop timeout
  // each (about 10 s a host for a first process that ignores SIGTERM), which nothing here waits for.
  if (alive(readPid(join(dir, 'docker.pid')))) await removeContainers(join(dir, 'run', 'docker.sock'));
  for (const f of ['sshd.pid', 'docker.pid']) await stopPid(readPid(join(dir, f)));
  const mounts = sh('findmnt', ['-rn', '-o', 'TARGET'], true)
    .split('\n')
    .filter((m) => m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) sh('umount', ['-l', m], true);
  if (sh('ip', ['netns', 'list'], true).split('\n').some((l) => l.split(' ')[0] === name)) sh('ip', ['netns', 'del', name]);
  sh('ip', ['link', 'del', `${name}h`], true);
  rmSync(dir, { recursive: true, force: true });
}

/** Every container of the engine at `socket`, removed at once (`docker rm -f`); nothing when the engine is down. */
async function removeContainers(socket: string): Promise<void> {
  const ids = sh('docker', ['-H', `unix://${socket}`, 'ps', '-aq'], true).split('\n').filter(Boolean);
  if (!ids.length) return;
  await new Promise<void>((done) => spawn('docker', ['-H', `unix://${socket}`, 'rm', '-f', ...ids], { stdio: 'ignore' }).on('close', () => done()));
}

function ensureUnreachable(base: string): void {
  const range = `${base}.0.0/16`;
  if (!sh('ip', ['route', 'show', 'type', 'unreachable'], true).split('\n').some((l) => l.includes(range)))
    sh('ip', ['route', 'add', 'unreachable', range]);
}

async function waitFor(what: string, check: () => boolean, log: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`${what} did not come up within ${ms / 1000}s. Last lines of ${log}:\n${tail}`);
    }
    await sleep(100);
  }
}

export async function startHosts(opts: HostOptions): Promise<TestHosts> {
  if (process.getuid?.() !== 0) throw new Error('Test hosts need root (network namespaces, dockerd, sshd).');
  const base = opts.base ?? '10.77';
  const multiplex = opts.multiplex ?? true;
  ensureUnreachable(base);
  mkdirSync(ROOT_DIR, { recursive: true });
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation directory

  // The runner's side: a client key, the hosts' keys, an ssh config, and an `ssh` on PATH that uses them.
  const client = join(ROOT_DIR, `${opts.prefix}-client`);
  rmSync(client, { recursive: true, force: true });
  mkdirSync(join(client, 'bin'), { recursive: true });
  sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${opts.prefix}-test`, '-f', join(client, 'id_ed25519')]);
  const sshConfig = join(client, 'ssh_config');
  writeFileSync(
    sshConfig,
    [
      `Host ${base}.*`,
      '  User root',
      `  IdentityFile ${join(client, 'id_ed25519')}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${join(client, 'known_hosts')}`,
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  ConnectTimeout 5',
      ...(multiplex ? ['  ControlMaster auto', `  ControlPath ${join(client, 'cm-%C')}`, '  ControlPersist 30'] : []),
      '',
    ].join('\n'),
  );
  const wrapper = join(client, 'bin', 'ssh');
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/ssh -F ${sshConfig} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const knownHosts: string[] = [];

  const hosts = await Promise.all(
    opts.subnets.map(async (n) => {
      if (!(n >= 1 && n <= 127)) throw new Error(`subnet ${n} is outside 1..127`);
      const name = `${opts.prefix}${n}`;
      if (name.length > 13) throw new Error(`host name ${name} is too long for its veth names (13 characters at most)`);
      const dir = join(ROOT_DIR, name);
      await cleanupHost(name, dir);
      mkdirSync(dir, { recursive: true });
      const address = `${base}.${n}.2`;
      const gateway = `${base}.${n}.1`;
      const nsPath = `/var/run/netns/${name}`;
      sh('ip', ['netns', 'add', name]);
      sh('ip', ['link', 'add', `${name}h`, 'type', 'veth', 'peer', 'name', `${name}n`]);
      sh('ip', ['link', 'set', `${name}n`, 'netns', name]);
      sh('ip', ['addr', 'add', `${gateway}/24`, 'dev', `${name}h`]);
      sh('ip', ['link', 'set', `${name}h`, 'up']);
      sh('ip', ['-n', name, 'addr', 'add', `${address}/24`, 'dev', `${name}n`]);
      sh('ip', ['-n', name, 'link', 'set', `${name}n`, 'up']);
      sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
      sh('ip', ['-n', name, 'route', 'add', 'default', 'via', gateway]);

      // The host's own /run: its engine's socket is /var/run/docker.sock there (sshd and its sessions see
      // this directory as /run, see runSshd), as on a machine of its own.
      const runDir = join(dir, 'run');
      mkdirSync(join(runDir, 'sshd'), { recursive: true, mode: 0o755 });
      const socket = join(runDir, 'docker.sock');
      const dockerLog = join(dir, 'dockerd.log');
      const docker = (...args: string[]) => execFileSync('docker', ['-H', `unix://${socket}`, ...args], { encoding: 'utf8' }).trim();
      const dockerOk = (...args: string[]) => spawnSync('docker', ['-H', `unix://${socket}`, ...args]).status === 0;
      let dockerd: number | undefined;
      const startEngine = async () => {
        const out = openSync(dockerLog, 'a');
        const argv = [
          `--net=${nsPath}`,
          'dockerd',
          '--data-root', join(dir, 'data'),
          '--exec-root', join(dir, 'exec'),
          '--pidfile', join(dir, 'docker.pid'),
          '-H', `unix://${socket}`,
          ...(opts.tcp ? ['-H', `tcp://${address}:2375`] : []),
          '--bip', `${base}.${128 + n}.1/24`,
          '--iptables=false',
          '--ip6tables=false',
          ...(opts.insecureRegistries ?? []).flatMap((r) => ['--insecure-registry', r]),
        ];
        const child = spawn('nsenter', argv, { stdio: ['ignore', out, out], detached: true });
        child.unref();
        closeSync(out);
        dockerd = child.pid;
        await waitFor(`dockerd of ${name}`, () => dockerOk('version'), dockerLog);
      };
      const stopEngine = async () => {
        await stopPid(readPid(join(dir, 'docker.pid')) ?? dockerd);
        dockerd = undefined;
      };
      await startEngine();

      // sshd: root by the client key only; docker calls in its sessions go to this host's engine.
      const hostKey = join(dir, 'ssh_host_ed25519_key');
      sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', hostKey]);
      writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(client, 'id_ed25519.pub')));
      const sshdConfig = join(dir, 'sshd_config');
      writeFileSync(
        sshdConfig,
        [
          `ListenAddress ${address}`,
          'Port 22',
          `HostKey ${hostKey}`,
          `PidFile ${join(dir, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'PermitRootLogin prohibit-password',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          'StrictModes no',
          'MaxSessions 100',
          'MaxStartups 100:30:200',
          `SetEnv DOCKER_HOST=unix://${socket}`,
          '',
        ].join('\n'),
      );
      // sshd forks into the background (its pid file says where), inside the namespace, in a mount namespace
      // of its own where the host's run directory is /run: a stream-local forward to /var/run/docker.sock
      // (what the action does over ssh) reaches this host's engine, not the machine's. /run/sshd is sshd's
      // privilege separation directory. The mount goes with the namespace's last process.
      const runSshd = () =>
        sh('nsenter', [
          `--net=${nsPath}`,
          'unshare', '--mount', '--propagation', 'private',
          'sh', '-c', 'mount --bind "$1" /run && exec /usr/sbin/sshd -f "$2" -E "$3"', 'sshd', runDir, sshdConfig, join(dir, 'sshd.log'),
        ]);
      runSshd();
      const sshdPid = () => readPid(join(dir, 'sshd.pid'));
      /** The sessions of this host's sshd: every process below it (the privileged monitor and the session that holds the connection). */
      const sessions = (): number[] => descendants(sshdPid());
      const killAll = async (pids: number[]) => {
        for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
        for (const pid of pids) while (alive(pid)) await sleep(20);
      };
      const reachable = () => spawnSync(join(client, 'bin', 'ssh'), ['-o', 'ControlMaster=no', '-o', 'ControlPath=none', address, 'true']).status === 0;
      knownHosts.push(`${address} ${readFileSync(`${hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}`);
      const host: TestHost = {
        name,
        address,
        gateway,
        endpoint: `ssh://root@${address}`,
        tcpEndpoint: `tcp://${address}:2375`,
        socket,
        dir,
        docker,
        dockerOk,
        stopEngine,
        startEngine,
        engineRunning: () => alive(readPid(join(dir, 'docker.pid')) ?? dockerd),
        async stopSshd() {
          const open = sessions();
          await stopPid(sshdPid());
          await killAll(open);
        },
        async startSshd() {
          runSshd();
          await waitFor(`sshd of ${name}`, reachable, join(dir, 'sshd.log'), 15_000);
        },
        async dropSshSessions() {
          await killAll(sessions());
        },
      };
      return host;
    }),
  );
  writeFileSync(join(client, 'known_hosts'), knownHosts.join('\n') + '\n');
  // The action reads ~/.ssh/config itself (no `ssh -G`): HOME is the client directory, its .ssh/config the same file.
  mkdirSync(join(client, '.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(join(client, '.ssh', 'config'), readFileSync(sshConfig));
  const env = { PATH: `${join(client, 'bin')}:${process.env.PATH ?? ''}`, HOME: client };
  const forwarders: ReturnType<typeof spawn>[] = [];
  for (const h of hosts) {
    const check = () => spawnSync(wrapper, [h.address, 'docker', 'version', '--format', '{{.Server.Version}}']).status === 0;
    await waitFor(`sshd of ${h.name}`, check, join(h.dir, 'sshd.log'), 15_000);
  }

  return {
    hosts,
    env,
    input: (kind = 'ssh') => hosts.map((h) => (kind === 'ssh' ? h.endpoint : h.tcpEndpoint)).join('\n'),
    load(ref: string) {
      for (const h of hosts) {
        const r = spawnSync('sh', ['-c', 'docker save "$1" | docker -H "unix://$2" load -q', 'load', ref, h.socket], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`Could not load ${ref} into ${h.name}: ${r.stderr}`);
      }
    },
    async forward(port: number) {
      for (const h of hosts) {
        const outside = spawn('socat', [`TCP-LISTEN:${port},bind=${h.gateway},fork,reuseaddr`, `TCP:127.0.0.1:${port}`], { stdio: 'ignore' });
        const inside = spawn('nsenter', [`--net=/var/run/netns/${h.name}`, 'socat', `TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr`, `TCP:${h.gateway}:${port}`], {
          stdio: 'ignore',
        });
        forwarders.push(outside, inside);
        // Connect from inside, send nothing, close: done once the connect succeeds.
        const up = () =>
          spawnSync('nsenter', [`--net=/var/run/netns/${h.name}`, 'socat', '-u', 'OPEN:/dev/null', `TCP:127.0.0.1:${port},connect-timeout=1`], {
            timeout: 3000,
          }).status === 0;
        await waitFor(`the forward of port ${port} into ${h.name}`, up, join(h.dir, 'sshd.log'), 10_000);
      }
    },
    async stop() {
      for (const f of forwarders) f.kill();
      for (const h of hosts) spawnSync(wrapper, ['-O', 'exit', h.address], { stdio: 'ignore' });
      await Promise.all(hosts.map((h) => cleanupHost(h.name, h.dir)));
      rmSync(client, { recursive: true, force: true });
    },
  };
}

/**
 * A real OpenSSH server on 127.0.0.1 for ssh:// engine tests: its own host key, config and log in a
 * temporary directory, one client key held by its own ssh-agent (SSH_AUTH_SOCK for the action), and
 * the host key listed in root's known_hosts as `[127.0.0.1]:PORT` (removed again by stop()). Behind
 * it is the machine's dockerd, reached through the server (stream-local forwarding or dial-stdio).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export interface Sshd {
  port: number;
  /** ssh://root@127.0.0.1:PORT */
  url: string;
  /** Environment for a client: the agent holding the key. */
  env: { SSH_AUTH_SOCK: string };
  /** The server's log so far (LogLevel DEBUG1: one "remote software version" line per connection). */
  log(): string;
  /** Connections made by ssh2 (the engine client), counted from the log. */
  ssh2Connections(): number;
  /** Take the host key out of known_hosts (to see an unknown host refused). */
  forget(): void;
  stop(): Promise<void>;
}

/** No imports of other helpers: the benches load this file with Node's type stripping. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const KNOWN_HOSTS = join(homedir(), '.ssh', 'known_hosts');

export async function startSshd(options: { streamLocal?: boolean } = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'sshd-'));
  const port = await freePort();
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      `AllowStreamLocalForwarding ${options.streamLocal === false ? 'no' : 'yes'}`,
      'LogLevel DEBUG1',
    ].join('\n') + '\n',
  );
  mkdirSync('/run/sshd', { recursive: true });
  const logFile = join(dir, 'log');
  const server: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config'), '-E', logFile], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(existsSync(logFile) && readFileSync(logFile, 'utf8').includes('Server listening')); i++)
    await new Promise((r) => setTimeout(r, 50));
  if (!readFileSync(logFile, 'utf8').includes('Server listening')) throw new Error(`sshd did not start:\n${readFileSync(logFile, 'utf8')}`);

  const agent = execFileSync('ssh-agent', ['-s', '-a', join(dir, 'agent.sock')], { encoding: 'utf8' });
  const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent)![1]);
  const env = { SSH_AUTH_SOCK: join(dir, 'agent.sock') };
  execFileSync('ssh-add', ['-q', join(dir, 'client_key')], { env: { ...process.env, ...env } });

  const entry = `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}`;
  mkdirSync(join(homedir(), '.ssh'), { recursive: true, mode: 0o700 });
  appendFileSync(KNOWN_HOSTS, `${entry}\n`);
  const forget = () => {
    if (!existsSync(KNOWN_HOSTS)) return;
    const kept = readFileSync(KNOWN_HOSTS, 'utf8').split('\n').filter((l) => l !== entry);
    writeFileSync(KNOWN_HOSTS, kept.join('\n'));
  };
  const log = () => readFileSync(logFile, 'utf8');
  return {
    port,
    url: `ssh://root@127.0.0.1:${port}`,
    env,
    log,
    ssh2Connections: () => (log().match(/remote software version ssh2js/g) ?? []).length,
    forget,
    async stop() {
      forget();
      try {
        process.kill(agentPid);
      } catch {
        // already gone
      }
      const closed = new Promise((r) => server.once('close', r));
      server.kill();
      await closed;
    },
  };
}

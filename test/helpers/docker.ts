/** Real Docker for tests: tiny FROM-scratch images with a static busybox (their first process exits on SIGTERM: graceful()), and cleanup by label. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUSYBOX = '/usr/bin/busybox';

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

export function dockerOk(...args: string[]): boolean {
  return spawnSync('docker', args).status === 0;
}

export type AppKind =
  /** busybox httpd serving `text` at / on 8080 */
  | 'web'
  /** exits with code 3 right away */
  | 'crash'
  /** runs but never listens */
  | 'silent'
  /** serves, but only after `delaySec` */
  | 'slow'
  /**
   * busybox httpd CGI (test/helpers/flaky.ts): / answers the text, or 500 for BAD_PERCENT percent of
   * requests (instance env), or always once /data/bad exists (`docker exec NAME /bin/busybox touch /data/bad`);
   * with SLOW_SECONDS (instance env) every answer of / comes that late; /health.html is a static 200.
   */
  | 'flaky';

export interface AppSpec {
  kind: AppKind;
  text?: string;
  delaySec?: number;
  /**
   * Declare a Docker HEALTHCHECK: true, one that asks the app over HTTP; 'fails', one that always fails
   * (exit 1) while the app answers HTTP; 'sick-file', one that fails once /www/sick exists
   * (`docker exec NAME /bin/busybox touch /www/sick`).
   */
  healthcheck?: boolean | 'fails' | 'sick-file';
}

/**
 * An ENTRYPOINT (JSON array) that runs `command` (busybox shell words; `"$@"` is the image's CMD) under a
 * busybox shell as the first process: on SIGTERM it stops the server (no new connections) and exits 0 once
 * the requests it is still answering are done (every other process of the container gone), as a real app's
 * graceful shutdown does. A first process without a handler ignores SIGTERM, so `docker stop` would wait its
 * whole stop timeout. `guard` runs first, in the foreground (e.g. a check that exits); `before` next, a
 * step (e.g. a delay) that the same SIGTERM interrupts.
 */
export function graceful(command: string, o: { guard?: string; before?: string } = {}): string {
  const script = [
    ...(o.guard ? [o.guard] : []),
    // Processes of the container other than this shell: /proc/<pid> entries (the glob forks nothing).
    "trap 'kill $p 2>/dev/null; while set -- /proc/[0-9]*; [ $# -gt 1 ]; do /bin/busybox usleep 20000; done; exit 0' TERM",
    ...(o.before ? [`${o.before} & p=$!; wait $p`] : []),
    `${command} & p=$!`,
    'wait $p',
  ].join('; ');
  return JSON.stringify(['/bin/busybox', 'sh', '-c', script, 'app']);
}

/** A git repository with a Dockerfile for the given app, committed; returns its directory. */
export function appRepo(spec: AppSpec, dir = mkdtempSync(join(tmpdir(), 'app-'))): string {
  writeFileSync(join(dir, 'Dockerfile'), dockerfile(spec));
  copyFileSync(BUSYBOX, join(dir, 'busybox'));
  writeFileSync(join(dir, 'index.html'), `${spec.text ?? 'hello'}\n`);
  writeFileSync(join(dir, 'status.json'), JSON.stringify({ ok: true, text: spec.text ?? 'hello' }));
  if (spec.kind === 'flaky') writeFlakyRoot(join(dir, 'www'), '/bin/busybox', '/data');
  const git = (...a: string[]) => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8' }).trim();
  if (!dockerOk('version')) throw new Error('docker is not running');
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', `app ${spec.kind} ${spec.text ?? ''}`);
  return dir;
}

export function commitChange(dir: string, text: string): string {
  writeFileSync(join(dir, 'index.html'), `${text}\n`);
  writeFileSync(join(dir, 'status.json'), JSON.stringify({ ok: true, text }));
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', text]);
  return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
}

export function dockerfile(spec: AppSpec): string {
  const entrypoint = (command: string, before?: string) => graceful(command, { before });
  if (spec.kind === 'flaky')
    return ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY www /www', 'COPY index.html /data/body', `ENTRYPOINT ${entrypoint('/bin/busybox httpd -f -p 8080 -h /www')}`, ''].join('\n');
  const lines = ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY index.html status.json /www/'];
  const serve = '/bin/busybox httpd -f -p 8080 -h /www';
  switch (spec.kind) {
    case 'web':
      lines.push(`ENTRYPOINT ${entrypoint(serve)}`);
      break;
    case 'crash':
      lines.push(`ENTRYPOINT ["/bin/busybox","sh","-c","echo boom: missing DATABASE_URL, token $TOKEN >&2; exit 3"]`);
      break;
    case 'silent':
      lines.push(`ENTRYPOINT ${entrypoint('/bin/busybox sleep 3600')}`);
      break;
    case 'slow':
      lines.push(`ENTRYPOINT ${entrypoint(serve, `/bin/busybox sleep ${spec.delaySec ?? 1}`)}`);
      break;
  }
  if (spec.healthcheck === true)
    lines.push('HEALTHCHECK --interval=1s --timeout=1s --retries=3 CMD ["/bin/busybox","wget","-qO-","http://127.0.0.1:8080/"]');
  if (spec.healthcheck === 'fails') lines.push('HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD ["/bin/busybox","false"]');
  if (spec.healthcheck === 'sick-file')
    lines.push('HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD ["/bin/busybox","sh","-c","! /bin/busybox test -e /www/sick"]');
  return lines.join('\n') + '\n';
}

/** Remove every container and image of an app (instances, locks, version tags). */
export function cleanupApp(app: string, image = app): void {
  const ids = docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${app}`).split('\n').filter(Boolean);
  const lock = docker('ps', '-aq', '--filter', `name=^${app}-`).split('\n').filter(Boolean);
  const all = [...new Set([...ids, ...lock])];
  if (all.length) spawnSync('docker', ['rm', '-f', ...all]);
  // Flip records are labelled volumes.
  const records = docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.app=${app}`).split('\n').filter(Boolean);
  if (records.length) spawnSync('docker', ['volume', 'rm', '-f', ...records]);
  const images = docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', image).split('\n').filter(Boolean);
  if (images.length) spawnSync('docker', ['image', 'rm', '-f', ...images]);
}

export function running(app: string, environment?: string): { name: string; version: string }[] {
  const filters = ['--filter', `label=dev.immutable-deploy.app=${app}`, '--filter', 'label=dev.immutable-deploy.role=instance'];
  if (environment) filters.push('--filter', `label=dev.immutable-deploy.environment=${environment}`);
  const out = docker('ps', ...filters, '--format', '{{.Names}} {{.Label "dev.immutable-deploy.version"}}');
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [name, version] = l.split(' ');
      return { name: name!, version: version! };
    });
}

export async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: r.status, body: await r.text() };
}

// The flaky app (test/helpers/flaky.ts). Here, because this module imports no other helper, so the benches
// can load it with Node's type stripping.
/** The CGI script (busybox ash); `data` holds `body` and, once bad, `bad`. */
export function flakyCgi(busybox: string, data: string): string {
  return [
    `#!${busybox} sh`,
    // SLOW_SECONDS (instance env): answer correctly, but only after that long (a slow version).
    `if [ -n "\${SLOW_SECONDS:-}" ]; then ${busybox} sleep "$SLOW_SECONDS"; fi`,
    `if [ -e ${data}/bad ] || [ $((RANDOM % 100)) -lt "\${BAD_PERCENT:-0}" ]; then`,
    `  printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbad\\n'`,
    'else',
    `  printf 'Content-Type: text/plain\\r\\n\\r\\n'; cat ${data}/body`,
    'fi',
    '',
  ].join('\n');
}

/** A document root in `dir`: cgi-bin/index.cgi (answers /), health.html. */
export function writeFlakyRoot(dir: string, busybox: string, data: string): void {
  mkdirSync(join(dir, 'cgi-bin'), { recursive: true });
  writeFileSync(join(dir, 'health.html'), 'ok\n');
  writeFileSync(join(dir, 'cgi-bin', 'index.cgi'), flakyCgi(busybox, data));
  chmodSync(join(dir, 'cgi-bin', 'index.cgi'), 0o755);
}


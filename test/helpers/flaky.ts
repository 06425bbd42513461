/**
 * A backend that goes bad on purpose: busybox httpd running a CGI script at / that answers 500 to
 * BAD_PERCENT percent of requests (at random), or to every request once the file `bad` exists in its
 * data directory; otherwise 200 with the data directory's `body`. /health.html stays a static 200, so
 * health checks pass while the app errs. Used as a local process (startFlakyBackend) and inside
 * FROM-scratch images (AppKind 'flaky' in test/helpers/docker.ts).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, startProcess, tempDir, waitHttp, type Backend } from './servers.js';

/** The CGI script (busybox ash); `data` holds `body` and, once bad, `bad`. */
export function flakyCgi(busybox: string, data: string): string {
  return [
    `#!${busybox} sh`,
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

export interface FlakyBackend extends Backend {
  /** From now on every request to / answers 500. */
  turnBad(): Promise<void>;
}

export async function startFlakyBackend(text: string, badPercent: number): Promise<FlakyBackend> {
  const dir = await tempDir('flaky');
  writeFlakyRoot(dir, '/usr/bin/busybox', dir);
  await writeFile(join(dir, 'body'), `${text}\n`);
  const port = await freePort();
  const proc = startProcess(['busybox', 'httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', dir], { env: { BAD_PERCENT: String(badPercent) } });
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(`${url}health.html`, proc, 'busybox httpd (flaky)');
  return {
    port,
    target: { host: '127.0.0.1', port },
    url,
    text: `${text}\n`,
    turnBad: () => writeFile(join(dir, 'bad'), ''),
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A backend that goes bad on purpose: busybox httpd running a CGI script at / that answers 500 to
 * BAD_PERCENT percent of requests (at random), or to every request once the file `bad` exists in its
 * document root. /health.html stays a static 200, so health checks pass while the app errs.
 * Used as a local process (startFlakyBackend) and inside FROM-scratch images (test/helpers/docker.ts).
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, startProcess, tempDir, waitHttp, type Backend } from './servers.js';

/** Write the document root into `dir`: index.cgi answers `text` (or 500 "bad"), health.html answers ok. */
export async function writeFlakyRoot(dir: string, busybox: string, root: string): Promise<void> {
  await mkdir(join(dir, 'cgi-bin'), { recursive: true });
  await writeFile(join(dir, 'health.html'), 'ok\n');
  const script = [
    `#!${busybox} sh`,
    `if [ -e ${root}/bad ] || [ $((RANDOM % 100)) -lt "\${BAD_PERCENT:-0}" ]; then`,
    `  printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\nbad\\n'`,
    'else',
    `  printf 'Content-Type: text/plain\\r\\n\\r\\n%s\\n' "\${TEXT:-ok}"`,
    'fi',
    '',
  ].join('\n');
  await writeFile(join(dir, 'cgi-bin', 'index.cgi'), script);
  await chmod(join(dir, 'cgi-bin', 'index.cgi'), 0o755);
}

export interface FlakyBackend extends Backend {
  /** From now on every request to / answers 500. */
  turnBad(): Promise<void>;
}

export async function startFlakyBackend(text: string, badPercent: number): Promise<FlakyBackend> {
  const dir = await tempDir('flaky');
  await writeFlakyRoot(dir, '/usr/bin/busybox', dir);
  const port = await freePort();
  const proc = startProcess(['busybox', 'httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', dir], {
    env: { TEXT: text, BAD_PERCENT: String(badPercent) },
  });
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

/**
 * A backend that goes bad on purpose: busybox httpd running a CGI script at / that answers 500 to
 * BAD_PERCENT percent of requests (at random), or to every request once the file `bad` exists in its
 * data directory; otherwise 200 with the data directory's `body`. /health.html stays a static 200, so
 * health checks pass while the app errs. Used as a local process (startFlakyBackend) and inside
 * FROM-scratch images (AppKind 'flaky' in test/helpers/docker.ts, where the script is written).
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFlakyRoot } from './docker.js';
import { freePort, startProcess, tempDir, waitHttp, type Backend } from './servers.js';

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

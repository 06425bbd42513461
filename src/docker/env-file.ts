/**
 * Instance environment for `docker run`, in a private file (--env-file): values never sit in argv, and
 * never in the docker CLI's own environment, where an app's HTTP_PROXY/NO_PROXY or DOCKER_* would steer
 * the CLI itself (with DOCKER_HOST=tcp:// the create request, secret env included, would go through the
 * app's proxy). The file is 0600 in a 0700 directory of its own and is removed as soon as docker has read it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Pure: docker's env-file format, one KEY=VALUE per line, values taken literally (they hold no newline). */
export function envFileText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => {
      if (/[\r\n]/.test(v)) throw new Error(`The value of ${k} holds a line break, which an env file cannot carry`);
      return `${k}=${v}\n`;
    })
    .join('');
}

/** Calls `fn` with the path of a private env file holding `env`, and removes it afterwards, whatever happens. */
export async function withEnvFile<T>(env: Record<string, string>, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'immutable-deploy-env-'));
  try {
    const path = join(dir, 'env');
    writeFileSync(path, envFileText(env), { mode: 0o600 });
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

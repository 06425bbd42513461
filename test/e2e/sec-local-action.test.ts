/**
 * GitHub's local runner emulator, @github/local-action (a dev dependency), runs the action from its
 * sources: it imports src/action/main.ts, replaces @actions/core with its own, and calls run() (the layout of
 * actions/typescript-action: src/index.ts is the bundle's entry and only calls run()). Real docker build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE24, SYSTEM_PATH } from '../helpers/action.js';
import { appRepo, cleanupApp, docker } from '../helpers/docker.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP = 'seclocal';

function localAction(inputs: Record<string, string>): { code: number; out: string } {
  const dotenv = join(mkdtempSync(join(tmpdir(), 'sec-local-action-')), '.env');
  writeFileSync(dotenv, Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}\n`).join(''));
  const r = spawnSync(join(ROOT, 'node_modules/.bin/local-action'), ['run', ROOT, 'src/action/main.ts', dotenv], {
    cwd: ROOT,
    encoding: 'utf8',
    // Node 24 (the action's runtime) first; no GITHUB_* or INPUT_* of the test process.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|STATE_)/.test(k))),
      PATH: `${dirname(NODE24)}:${SYSTEM_PATH}`,
    },
    timeout: 110_000,
  });
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

describe('@github/local-action', () => {
  afterAll(() => cleanupApp(APP));

  it('runs the action from src/action/main.ts: builds the checked-out commit and sets the outputs', () => {
    const repo = appRepo({ kind: 'web', text: 'local' });
    const sha = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const r = localAction({ command: 'build', app: APP, context: repo });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Action Outputs');
    expect(r.out).toMatch(new RegExp(`'version'\\s*│\\s*'sha-${sha.slice(0, 7)}'`));
    expect(docker('image', 'inspect', '--format', '{{index .Config.Labels "org.opencontainers.image.revision"}}', `${APP}:sha-${sha.slice(0, 7)}`)).toBe(sha);
  });

  it('fails the run, naming the input, when an input is refused', () => {
    const r = localAction({ command: 'build', app: 'Not A Name' });
    // local-action 7 records setFailed in its own state and still exits 0: the failure shows as the error.
    expect(r.out).toContain('Input "app" has the value "Not A Name"');
  });
});

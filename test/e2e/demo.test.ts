/**
 * The README's first quick-start command stays true: the local end-to-end demo runs and shows each step,
 * from a shell like a person's (the machine's node, not node_modules/.bin).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SYSTEM_PATH } from '../helpers/action.js';

describe('examples/demo/run.sh', () => {
  it('deploys v1 and v2 behind a real HAProxy, rolls back, and shows which version serves', () => {
    const r = spawnSync('bash', ['examples/demo/run.sh'], { encoding: 'utf8', env: { ...process.env, PATH: SYSTEM_PATH, DEMO_CLEAN: '1' }, timeout: 110_000 });
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(0);
    const served = [...out.matchAll(/balancer serves: (\S+)/g)].map((m) => m[1]);
    expect(served).toEqual(['v1', 'v2', 'v1']);
    expect(out).toContain('one flip, no build, no pull');
    expect(out).toMatch(/"state":"live"/);
    expect(out).toContain('(cleaned up)');
  });
});

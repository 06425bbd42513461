/**
 * src/support/exec.ts with real child processes (sh, sleep): what a child's environment holds, and that
 * every child, either side of a pipe included, is stopped by its timeout.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandError, pipe, run } from '../../src/support/exec.js';

const SECRET = 'pipe-s3cret-value-41';

describe('exec', () => {
  afterEach(() => {
    delete process.env['INPUT_REGISTRY-PASSWORD'];
    delete process.env['ACTIONS_RUNTIME_TOKEN'];
  });

  it('both sides of a pipe get the run: step environment (no INPUT_*, no runtime token), plus their own', async () => {
    process.env['INPUT_REGISTRY-PASSWORD'] = SECRET;
    process.env['ACTIONS_RUNTIME_TOKEN'] = SECRET;
    const dir = mkdtempSync(join(tmpdir(), 'exec-'));
    await pipe(
      { argv: ['sh', '-c', 'env; echo SIDE=from'], env: { FROM_ONLY: '1' } },
      { argv: ['sh', '-c', `cat > ${dir}/from; env > ${dir}/to`], env: { TO_ONLY: '1' } },
    );
    const from = readFileSync(join(dir, 'from'), 'utf8');
    const to = readFileSync(join(dir, 'to'), 'utf8');
    expect(from).toContain('SIDE=from');
    expect(from).toContain('FROM_ONLY=1');
    expect(to).toContain('TO_ONLY=1');
    for (const env of [from, to]) {
      expect(env).toContain('PATH=');
      expect(env).not.toContain(SECRET);
      expect(env).not.toMatch(/^INPUT_/m);
    }
  });

  it('a pipe whose sides hang is killed at its timeout, both sides, and says it timed out', async () => {
    const failed = await pipe({ argv: ['sleep', '30'] }, { argv: ['cat'] }, 200).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(CommandError);
    expect((failed as CommandError).message).toMatch(/^Command timed out: sleep 30/);
  });

  it('run() gives a child a timeout of its own', async () => {
    const r = await run(['sleep', '30'], { timeoutMs: 200, allowFailure: true });
    expect(r.timedOut).toBe(true);
  });
});

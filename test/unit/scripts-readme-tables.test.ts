/**
 * The generated documents (README inputs/outputs tables, the reusable deploy.yml's inputs, secrets and
 * `with:`) are in step with the input table and action.yml: `npm run docs -- --check` (the generator
 * itself, writing nothing) passes on the repository, and fails, naming the file, on a copy that drifted.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const script = join(root, 'scripts', 'readme-tables.mjs');
const DEPLOY = '.github/workflows/deploy.yml';

const check = (cwd: string) => spawnSync(process.execPath, [script, '--check'], { cwd, encoding: 'utf8' });

/** A copy of the generated files (and their sources) to break. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docs-check-'));
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  for (const f of ['README.md', 'action.yml', DEPLOY]) cpSync(join(root, f), join(dir, f));
  return dir;
}

describe('generated documents', () => {
  it('are in step with src/config/table.ts and action.yml (npm run docs -- --check)', () => {
    const r = check(root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the check fails naming deploy.yml when one of its inputs was dropped by hand', () => {
    const dir = copy();
    const file = join(dir, DEPLOY);
    const text = readFileSync(file, 'utf8');
    const dropped = text.replace(/^ {6}max-response-ms:\n(?: {8}.*\n)+/m, '');
    expect(dropped).not.toBe(text);
    writeFileSync(file, dropped);
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(DEPLOY);
    expect(r.stderr).not.toContain('README.md');
  });

  it('the check fails naming deploy.yml and the README when the description of an input in action.yml changed', () => {
    const dir = copy();
    const action = join(dir, 'action.yml');
    // A new description for an existing input stands in for any change of action.yml the workflow must follow.
    writeFileSync(action, readFileSync(action, 'utf8').replace(/^( {2}replicas:\n {4}description: ).*$/m, '$1"Pods per version (changed)."'));
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(DEPLOY);
    expect(r.stderr).toContain('README.md');
  });

  it('the check fails when deploy.yml lost its markers, instead of leaving it as it is', () => {
    const dir = copy();
    const file = join(dir, DEPLOY);
    writeFileSync(file, readFileSync(file, 'utf8').replace('# generated-with:start', '# with:'));
    const r = check(dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('generated-with:start');
  });
});

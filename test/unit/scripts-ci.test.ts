/**
 * What CI runs (.ci/run) is the README's test command, and it runs every test file, the command line's
 * (test/e2e/cli.test.ts, test/unit/cli-*.test.ts) among them: .ci/run runs scripts/test.sh, which runs
 * `npm test` with no file filter, whose vitest (the same config) lists them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(join(root, f), 'utf8');
const commands = (f: string) =>
  read(f)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

it('.ci/run runs the README\'s test command, scripts/test.sh', () => {
  expect(commands('.ci/run').at(-1)).toBe('exec bash scripts/test.sh');
  expect(read('README.md')).toMatch(/^bash scripts\/test\.sh +# the tests \(the same command CI runs in \.ci\/run\)/m);
});

it('scripts/test.sh runs npm test without naming files, and npm test runs vitest without a filter', () => {
  const npmTest = commands('scripts/test.sh').filter((l) => /\bnpm test\b/.test(l));
  expect(npmTest).toHaveLength(1);
  // Only reporter options after `--`: no file, directory or name filter.
  const args = /npm test -- (.*?) \|\|/.exec(npmTest[0]!)![1]!.split(' ');
  for (const a of args) expect(a, a).toMatch(/^--(reporter|outputFile)[.=]/);
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  expect(pkg.scripts.test).toMatch(/vitest\.mjs run$/);
});

it("that vitest run takes every test file, the command line's included", () => {
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'list', '--filesOnly'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // One file a line, after its project's name when the config has projects ("[unit] test/unit/x.test.ts").
  const listed = new Set(
    r.stdout
      .split('\n')
      .map((l) => l.trim().replace(/^\[[^\]]+\] /, ''))
      .filter(Boolean),
  );
  const cli = [
    ...readdirSync(join(root, 'test', 'unit')).filter((f) => /^cli-.*\.test\.ts$/.test(f)).map((f) => `test/unit/${f}`),
    ...readdirSync(join(root, 'test', 'e2e')).filter((f) => /^cli(-.*)?\.test\.ts$/.test(f)).map((f) => `test/e2e/${f}`),
  ];
  expect(cli).toEqual(expect.arrayContaining(['test/e2e/cli.test.ts', 'test/unit/cli-args.test.ts']));
  for (const f of cli) expect(listed.has(f), f).toBe(true);
  // Every test file at all: nothing is left out by the config.
  for (const dir of ['unit', 'e2e']) for (const f of readdirSync(join(root, 'test', dir)).filter((n) => n.endsWith('.test.ts'))) expect(listed.has(`test/${dir}/${f}`), f).toBe(true);
});

/**
 * The tests run on the action's own Node: the runtime action.yml names (runs.using), the `node` dev
 * dependency that `npm test` starts vitest with, and @types/node are one major (CONTRIBUTING.md "Dependencies").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as { runs: { using: string } };
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};
const major = (range: string): number => Number(/(\d+)/.exec(range)?.[1]);
const runtime = major(action.runs.using);

describe('the runtime of the tests', () => {
  test('action.yml runs on a Node the tests know', () => {
    expect(action.runs.using).toMatch(/^node\d+$/);
  });

  test('this test runs on the Node action.yml names', () => {
    expect(major(process.versions.node)).toBe(runtime);
  });

  test('npm test starts vitest with the node dev dependency, whatever node is on PATH', () => {
    expect(pkg.scripts.test).toMatch(/^node_modules\/node\/bin\/node node_modules\/vitest\/vitest\.mjs run\b/);
    expect(major(pkg.devDependencies.node!)).toBe(runtime);
  });

  test("@types/node is the types of that runtime", () => {
    expect(major(pkg.devDependencies['@types/node']!)).toBe(runtime);
  });

  test('@actions/exec is not a dependency (src/support/exec.ts starts children itself)', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('@actions/exec');
  });
});

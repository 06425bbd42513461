/**
 * dist/ ships only what runs on the runner (scripts/bundle.mjs refuses to produce anything else, so
 * check-dist fails too): the bundle's chunks, the command line's entry (cli.js), their licenses and package.json; no asset ncc copied because
 * some module refers to a file beside it (ssh2's Windows pagent.exe, native addons), and no chunk that
 * refers to an asset the bundle does not ship.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', '..', 'dist');
const files = readdirSync(dist);

it('dist/ holds only JavaScript chunks, the command line, licenses.txt and package.json', () => {
  expect(files).toContain('index.js');
  expect(files.filter((f) => !/^(\d+\.)?index\.js$|^cli\.js$|^post\.js$|^licenses\.txt$|^package\.json$/.test(f))).toEqual([]);
  expect(files.filter((f) => /\.(exe|node|dll|so|dylib)$/.test(f))).toEqual([]);
});

it('no chunk refers to an asset beside the bundle (ncc\'s __nccwpck_require__.ab + "file")', () => {
  const refs = files
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) => [...readFileSync(join(dist, f), 'utf8').matchAll(/__(?:nccwpck|webpack)_require__\.ab \+ "([^"]+)"/g)].map((m) => `${f}: ${m[1]}`));
  expect(refs).toEqual([]);
});

it('the command line (package.json bin) is dist/cli.js: executable, and the same bundle as the action', () => {
  const pkg = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { bin: Record<string, string> };
  expect(pkg.bin).toEqual({ 'immutable-deploy': 'dist/cli.js' });
  expect(statSync(join(dist, 'cli.js')).mode & 0o111).not.toBe(0);
  const cli = readFileSync(join(dist, 'cli.js'), 'utf8');
  expect(cli.startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(cli).toContain("await import('./index.js')");
});

it("the post step (action.yml's post) is dist/post.js: the same bundle, marked as the post step", () => {
  const post = readFileSync(join(dist, 'post.js'), 'utf8');
  expect(post).toContain("globalThis[Symbol.for('immutable-deploy.post')] = true;");
  expect(post).toContain("await import('./index.js')");
});

it('the guard (scripts/dist-guard.mjs, run by every bundle and so by check-dist) refuses a pagent.exe, a native addon, a missing asset', () => {
  const root = join(dist, '..');
  const guard = (dir: string) => spawnSync(process.execPath, [join(root, 'scripts', 'dist-guard.mjs'), dir], { encoding: 'utf8' });
  const copy = mkdtempSync(join(tmpdir(), 'dist-'));
  try {
    cpSync(dist, copy, { recursive: true });
    expect(guard(copy).status, guard(copy).stderr).toBe(0);
    writeFileSync(join(copy, 'pagent.exe'), 'MZ');
    writeFileSync(join(copy, 'prebuilt.node'), '');
    let r = guard(copy);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the bundle would ship pagent.exe, prebuilt.node, which does not run on the runner');
    rmSync(join(copy, 'pagent.exe'));
    rmSync(join(copy, 'prebuilt.node'));
    writeFileSync(join(copy, '999.index.js'), 'module.exports = require(__nccwpck_require__.ab + "pagent.exe");\n');
    r = guard(copy);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refers to asset(s) pagent.exe that it does not ship');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  // The bundle checks its build with it before it replaces dist/; check-dist (npm script and workflow) rebuilds.
  const bundle = readFileSync(join(root, 'scripts', 'bundle.mjs'), 'utf8');
  expect(bundle.indexOf("distProblems('dist.new')")).toBeGreaterThan(0);
  expect(bundle.indexOf("distProblems('dist.new')")).toBeLessThan(bundle.indexOf("renameSync('dist.new', 'dist')"));
  expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['check-dist']).toMatch(/^node scripts\/bundle\.mjs && /);
  expect(readFileSync(join(root, '.github', 'workflows', 'check-dist.yml'), 'utf8')).toMatch(/run: npm run bundle\n/);
});

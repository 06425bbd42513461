/**
 * dist/ ships only what runs on the runner (scripts/bundle.mjs refuses to produce anything else, so
 * check-dist fails too): the bundle's chunks, the command line's entry (cli.js), their licenses and package.json; no asset ncc copied because
 * some module refers to a file beside it (ssh2's Windows pagent.exe, native addons), and no chunk that
 * refers to an asset the bundle does not ship.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', '..', 'dist');
const files = readdirSync(dist);

it('dist/ holds only JavaScript chunks, the command line, licenses.txt and package.json', () => {
  expect(files).toContain('index.js');
  expect(files.filter((f) => !/^(\d+\.)?index\.js$|^cli\.js$|^licenses\.txt$|^package\.json$/.test(f))).toEqual([]);
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

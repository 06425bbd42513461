/**
 * dist/ ships only what runs on the runner (scripts/bundle.mjs refuses to produce anything else, so
 * check-dist fails too): the bundle's chunks, their licenses and package.json; no asset ncc copied because
 * some module refers to a file beside it (ssh2's Windows pagent.exe, native addons), and no chunk that
 * refers to an asset the bundle does not ship.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', '..', 'dist');
const files = readdirSync(dist);

it('dist/ holds only JavaScript chunks, licenses.txt and package.json', () => {
  expect(files).toContain('index.js');
  expect(files.filter((f) => !/^(\d+\.)?index\.js$|^licenses\.txt$|^package\.json$/.test(f))).toEqual([]);
  expect(files.filter((f) => /\.(exe|node|dll|so|dylib)$/.test(f))).toEqual([]);
});

it('no chunk refers to an asset beside the bundle (ncc\'s __nccwpck_require__.ab + "file")', () => {
  const refs = files
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) => [...readFileSync(join(dist, f), 'utf8').matchAll(/__(?:nccwpck|webpack)_require__\.ab \+ "([^"]+)"/g)].map((m) => `${f}: ${m[1]}`));
  expect(refs).toEqual([]);
});

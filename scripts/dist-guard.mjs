// dist/ ships only what runs on the runner: the bundle's JavaScript chunks, the command line's entry, their
// licenses and the package.json that makes them ES modules. Any other file is an asset ncc copied because
// some module refers to a file beside it (a native addon, a Windows helper such as ssh2's pagent.exe): cut
// the reference out (scripts/bundle.mjs patches), or explain here why the runner needs it. Every asset the
// code still refers to must be in the bundle. scripts/bundle.mjs refuses a build this finds anything in, so
// `npm run check-dist` and the check-dist workflow (which rebuild dist/) fail too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SHIPPED = /^(\d+\.)?index\.js$|^cli\.js$|^post\.js$|^licenses\.txt$|^package\.json$/;

/** What is wrong with the bundle in `dir`, for people; empty when it ships only what runs on the runner. */
export function distProblems(dir) {
  const files = readdirSync(dir);
  const extra = files.filter((f) => !SHIPPED.test(f));
  const missing = files
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/__(?:nccwpck|webpack)_require__\.ab \+ "([^"]+)"/g)].map((m) => m[1]))
    .filter((asset) => !files.includes(asset));
  const problems = [];
  if (extra.length)
    problems.push(`the bundle would ship ${extra.join(', ')}, which does not run on the runner: cut the module's reference to it out (see the patches in scripts/bundle.mjs).`);
  if (missing.length) problems.push(`the bundle refers to asset(s) ${[...new Set(missing)].join(', ')} that it does not ship.`);
  return problems;
}

// `node scripts/dist-guard.mjs [dir]`: the same check of a directory (default dist/), exit 1 on a problem.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = distProblems(process.argv[2] ?? 'dist');
  for (const p of problems) console.error(`dist-guard: ${p}`);
  process.exit(problems.length ? 1 : 0);
}

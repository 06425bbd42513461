// Releases the commit checked out here as vX.Y.Z: what .github/workflows/release.yml runs (after the full CI),
// and what test/unit/scripts-release.test.ts runs against a local bare repository.
//
//   node scripts/release.mjs v1.4.0 [--remote origin] [--notes-file release-notes.md]
//
// In order, refusing (exit 1, nothing pushed) at the first problem:
//   1. the version is vX.Y.Z and package.json says X.Y.Z;
//   2. the working tree is clean, and the tag, when it exists already (a pushed tag started the release),
//      is the commit checked out;
//   3. dist/ is the fresh bundle of these sources: `npm run bundle` changes nothing under dist/ (users run
//      dist/ as committed at the tag, never a build of it);
//   4. CHANGELOG.md has a non-empty "## [X.Y.Z]" section: the release notes, written to --notes-file;
//   5. the tag vX.Y.Z (annotated) is created if missing and pushed;
//   6. the major tag vX is moved to the release and force-pushed, when this is the highest vX.*.* release
//      (a fix of an older minor, v1.2.1 after v1.3.0, leaves v1 where it is; the log says so).
// The GitHub release itself and the provenance attestation of dist/ are steps of the workflow.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const version = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const remote = opt('--remote', 'origin');
const notesFile = opt('--notes-file', 'release-notes.md');

function fail(message) {
  console.error(`release refused: ${message}`);
  process.exit(1);
}
function run(cmd, argv, { check = true } = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (check && r.status !== 0) fail(`${cmd} ${argv.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  return r;
}
const git = (...argv) => run('git', argv).stdout.trim();
const gitMaybe = (...argv) => {
  const r = run('git', argv, { check: false });
  return r.status === 0 ? r.stdout.trim() : undefined;
};

// 1. The version.
const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(version ?? '');
if (!m) fail(`the version must be vX.Y.Z (such as v1.4.0), got ${JSON.stringify(version ?? '')}`);
const [, major, minor, patch] = m.map(Number);
const bare = `${major}.${minor}.${patch}`;
const pkgVersion = JSON.parse(readFileSync('package.json', 'utf8')).version;
if (pkgVersion !== bare) fail(`package.json says version ${pkgVersion}, the release is ${version}: set "version": "${bare}" and commit it first`);

// 2. The commit.
if (git('status', '--porcelain', '--untracked-files=no') !== '') fail('the working tree has uncommitted changes: release a commit, not a working tree');
const head = git('rev-parse', 'HEAD');
const tagged = gitMaybe('rev-parse', '--verify', '--quiet', `refs/tags/${version}^{commit}`);
if (tagged && tagged !== head) fail(`the tag ${version} is commit ${tagged}, but ${head} is checked out: check out the tag`);

// 3. dist/ is the fresh bundle.
console.log(`release ${version}: rebuilding dist/ from the sources of ${head.slice(0, 12)}`);
const bundle = spawnSync('npm', ['run', '--silent', 'bundle'], { stdio: ['ignore', 'inherit', 'inherit'] });
if (bundle.status !== 0) fail(`npm run bundle failed (exit ${bundle.status})`);
const stale = git('status', '--porcelain', '--', 'dist');
if (stale !== '') {
  fail(
    `dist/ at ${version} is not the bundle of its sources (npm run bundle changed:\n${stale}\n). ` +
      'Run npm run bundle, commit dist/, and tag that commit.',
  );
}

// 4. The notes.
const changelog = readFileSync('CHANGELOG.md', 'utf8');
const heading = new RegExp(`^## \\[${bare.replace(/\./g, '\\.')}\\][^\\n]*\\n`, 'm');
const start = heading.exec(changelog);
if (!start) fail(`CHANGELOG.md has no "## [${bare}]" section: move the Unreleased notes under it and commit`);
const rest = changelog.slice(start.index + start[0].length);
const next = /^## /m.exec(rest);
const notes = (next ? rest.slice(0, next.index) : rest).replace(/^\[[^\]]+\]: .*$/gm, '').trim();
if (notes === '') fail(`the "## [${bare}]" section of CHANGELOG.md is empty`);
writeFileSync(notesFile, notes + '\n');
console.log(`release ${version}: notes from CHANGELOG.md written to ${notesFile}`);

// 5. The version tag.
if (!tagged) {
  git('tag', '-a', version, '-m', `${version}`, head);
  console.log(`release ${version}: tagged ${head.slice(0, 12)}`);
}
git('push', remote, `refs/tags/${version}`);

// 6. The major tag, when this is the highest release of that major.
const releases = git('tag', '--list', `v${major}.*.*`)
  .split('\n')
  .map((t) => /^v(\d+)\.(\d+)\.(\d+)$/.exec(t))
  .filter(Boolean)
  .map((t) => [Number(t[2]), Number(t[3])]);
const newer = releases.filter(([mi, pa]) => mi > minor || (mi === minor && pa > patch));
const majorTag = `v${major}`;
if (newer.length) {
  const [mi, pa] = newer.sort((a, b) => b[0] - a[0] || b[1] - a[1])[0];
  console.log(`release ${version}: ${majorTag} stays at v${major}.${mi}.${pa}, a newer release`);
} else {
  git('tag', '-f', '-a', majorTag, '-m', `${majorTag} = ${version}`, head);
  git('push', '--force', remote, `refs/tags/${majorTag}`);
  console.log(`release ${version}: ${majorTag} moved to ${version}`);
}

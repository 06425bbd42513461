/**
 * The release step of .github/workflows/release.yml (its own `run:` line, with the VERSION and RUNNER_TEMP
 * the runner gives it, running scripts/release.mjs) against a local bare repository standing in for GitHub:
 * a project whose `npm run bundle` builds dist/ from src/, released as the workflow does. The tags on the
 * bare repository are the result: vX.Y.Z created and pushed, the major tag moved (or left on a newer
 * release), and nothing pushed when dist/ is stale, the notes are missing or the tag is elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const script = join(root, 'scripts', 'release.mjs');
/** The workflow's step that tags, checks dist/ and moves the major tag: its shell line, as the runner runs it. */
const step = (parse(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')).jobs.release.steps as { name?: string; run?: string }[]).find(
  (s) => s.run?.includes('scripts/release.mjs'),
)!;

function sh(cwd: string, cmd: string, ...argv: string[]): string {
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
const git = (cwd: string, ...argv: string[]) => sh(cwd, 'git', '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...argv);

/** Tags of the bare repository: name -> commit. */
function remoteTags(origin: string): Record<string, string> {
  const out = sh(origin, 'git', 'for-each-ref', '--format=%(refname:short) %(objectname) %(*objectname)', 'refs/tags');
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, obj, peeled] = l.split(' ');
        return [name!, peeled || obj!];
      }),
  );
}

const CHANGELOG = (sections: string) => `# Changelog\n\n## [Unreleased]\n\n${sections}`;
const SECTION = (v: string) => `## [${v}] - 2026-12-06\n\n### Fixed\n- Something in ${v}.\n\n`;

describe('scripts/release.mjs against a local bare repository', () => {
  let origin = '';
  let work = '';

  /** Writes files, optionally rebuilds dist/ (npm run bundle), commits; returns the commit. */
  function commit(files: Record<string, string>, { bundle }: { bundle: boolean }): string {
    for (const [f, text] of Object.entries(files)) writeFileSync(join(work, f), text);
    if (bundle) sh(work, 'npm', 'run', '--silent', 'bundle');
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', Object.keys(files).join(' ') || 'dist');
    return git(work, 'rev-parse', 'HEAD');
  }
  const pkg = (v: string) => JSON.stringify({ name: 'x', version: v, private: true, scripts: { bundle: 'node bundle.mjs' } });
  // The step's run line in bash (the runner's shell for `run:` on Linux: bash -e {0}), `node` being this Node.
  const release = (v: string) =>
    spawnSync('bash', ['-e', '-c', step.run!], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}`, VERSION: v, RUNNER_TEMP: join(work, '..') },
    });
  const notes = () => readFileSync(join(work, '..', 'release-notes.md'), 'utf8');

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'release-'));
    origin = join(dir, 'origin.git');
    work = join(dir, 'work');
    sh(dir, 'git', 'init', '-q', '--bare', origin);
    sh(dir, 'git', 'clone', '-q', origin, work);
    mkdirSync(join(work, 'src'));
    mkdirSync(join(work, 'dist'));
    writeFileSync(join(work, 'bundle.mjs'), "import { readFileSync, writeFileSync } from 'node:fs';\nwriteFileSync('dist/index.js', `// bundle\\n${readFileSync('src/index.txt', 'utf8')}`);\n");
    writeFileSync(join(work, 'src', 'index.txt'), 'one\n');
    // The project's own copy of the release script, where the workflow's step finds it (scripts/release.mjs).
    mkdirSync(join(work, 'scripts'));
    copyFileSync(script, join(work, 'scripts', 'release.mjs'));
    commit({ 'package.json': pkg('1.0.0'), 'CHANGELOG.md': CHANGELOG(SECTION('1.0.0')) }, { bundle: true });
    git(work, 'push', '-q', 'origin', 'HEAD:main');
  });

  it('releases v1.0.0: tags it, creates v1 there, writes the notes of that version', () => {
    const head = git(work, 'rev-parse', 'HEAD');
    const r = release('v1.0.0');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(remoteTags(origin)).toEqual({ 'v1.0.0': head, v1: head });
    expect(notes()).toBe('### Fixed\n- Something in 1.0.0.\n');
  });

  it('refuses a release whose dist/ is not the fresh bundle, and pushes nothing', () => {
    writeFileSync(join(work, 'src', 'index.txt'), 'two\n');
    commit({ 'package.json': pkg('1.1.0'), 'CHANGELOG.md': CHANGELOG(SECTION('1.1.0') + SECTION('1.0.0')) }, { bundle: false });
    const before = remoteTags(origin);
    const r = release('v1.1.0');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/release refused: dist\/ at v1\.1\.0 is not the bundle of its sources[\s\S]*M dist\/index\.js/);
    expect(remoteTags(origin)).toEqual(before);
    git(work, 'checkout', '-q', '--', 'dist');
  });

  it('releases v1.1.0 once dist/ is rebuilt and committed, and moves v1 to it', () => {
    const fixed = commit({}, { bundle: true });
    const v100 = remoteTags(origin)['v1.0.0'];
    const r = release('v1.1.0');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(remoteTags(origin)).toEqual({ 'v1.0.0': v100, 'v1.1.0': fixed, v1: fixed });
    expect(r.stdout).toContain('v1 moved to v1.1.0');
    expect(notes()).toBe('### Fixed\n- Something in 1.1.0.\n');
  });

  it('a fix of an older release (v1.0.1 after v1.1.0) is tagged, and v1 stays on the newer release', () => {
    const v110 = remoteTags(origin)['v1.1.0']!;
    git(work, 'checkout', '-q', '-b', 'release-1.0', 'v1.0.0');
    const fix = commit({ 'package.json': pkg('1.0.1'), 'CHANGELOG.md': CHANGELOG(SECTION('1.0.1') + SECTION('1.0.0')) }, { bundle: true });
    const r = release('v1.0.1');
    expect(r.status).toBe(0);
    expect(remoteTags(origin)).toMatchObject({ 'v1.0.1': fix, v1: v110 });
    expect(r.stdout).toContain('v1 stays at v1.1.0');
  });

  it('releases a tag that was pushed already (the tag push starts the workflow) without moving it', () => {
    const next = commit({ 'package.json': pkg('1.0.2'), 'CHANGELOG.md': CHANGELOG(SECTION('1.0.2')) }, { bundle: true });
    git(work, 'tag', 'v1.0.2');
    git(work, 'push', '-q', 'origin', 'refs/tags/v1.0.2');
    const r = release('v1.0.2');
    expect(r.status).toBe(0);
    expect(remoteTags(origin)['v1.0.2']).toBe(next);
  });

  it('refuses when the tag is another commit than the one checked out, a version package.json does not say, or no notes', () => {
    const before = remoteTags(origin);
    git(work, 'tag', 'v1.0.3', 'v1.0.0');
    commit({ 'package.json': pkg('1.0.3'), 'CHANGELOG.md': CHANGELOG(SECTION('1.0.3')) }, { bundle: true });
    expect(release('v1.0.3').stderr).toMatch(/the tag v1\.0\.3 is commit [0-9a-f]{40}, but [0-9a-f]{40} is checked out/);
    expect(release('v1.0.4').stderr).toContain('package.json says version 1.0.3, the release is v1.0.4');
    commit({ 'package.json': pkg('1.0.4') }, { bundle: false });
    expect(release('v1.0.4').stderr).toContain('CHANGELOG.md has no "## [1.0.4]" section');
    expect(release('1.0.4').stderr).toContain('the version must be vX.Y.Z');
    expect(remoteTags(origin)).toEqual(before);
  });
});

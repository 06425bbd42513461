/**
 * The reusable workflows run the action of the commit the caller's `uses:` resolved to, not `@v1`.
 * A local bare repository stands in for GitHub's copy of this repository: v1 is commit A, and a later
 * commit B has a bundle that says so. For a caller pinned to B, GitHub gives the called job
 * job.workflow_sha = B (documented in the job context; nothing here can run GitHub itself). Then the
 * workflow's own steps run as written in deploy.yml (the step that reads the job context, the guard), the
 * checkout is done as actions/checkout does it (the same sparse paths, a fetch of that one commit), and
 * the action is run from the checked-out directory as the runner runs `uses: ./.immutable-deploy-action`:
 * only action.yml, dist/ and share/ are there, and the bundle that runs is B's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAction } from '../helpers/action.js';
import { cleanupApp } from '../helpers/docker.js';

const root = join(import.meta.dirname, '..', '..');
const APP = 'ownref';
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function sh(cwd: string, cmd: string, ...argv: string[]): string {
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
const git = (cwd: string, ...argv: string[]) => sh(cwd, 'git', '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...argv);

const deploy = parse(readFileSync(join(root, '.github/workflows/deploy.yml'), 'utf8')) as Obj;
const steps = deploy.jobs.deploy.steps as Obj[];
const selfStep = steps.find((s) => s.id === 'self')!;
const checkout = steps.find((s) => s.with?.path === '.immutable-deploy-action')!;
const guard = steps.find((s) => s.name === "Check that the workflow's repository holds the action")!;

describe('deploy.yml runs the action of the commit the caller pinned', () => {
  let origin = '';
  let a = '';
  let b = '';

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'own-ref-'));
    origin = join(dir, 'immutable-deploy.git');
    const work = join(dir, 'work');
    git(dir, 'clone', '-q', '--no-local', root, work);
    a = git(work, 'rev-parse', 'HEAD');
    git(work, 'tag', 'v1', a);
    // Commit B: a bundle that says which commit it is (its first statement), nothing else changed.
    const entry = join(work, 'dist', 'index.js');
    writeFileSync(entry, `console.log('bundle of commit B');\n${readFileSync(entry, 'utf8')}`);
    git(work, 'commit', '-qam', 'B');
    b = git(work, 'rev-parse', 'HEAD');
    sh(dir, 'git', 'init', '-q', '--bare', origin);
    git(work, 'push', '-q', origin, 'HEAD:refs/heads/main', 'refs/tags/v1');
    cleanupApp(APP);
  });

  /** The job's steps up to the action, in a fresh workspace, for job.workflow_sha = sha. Returns the workspace. */
  function jobSteps(sha: string): string {
    const ws = mkdtempSync(join(tmpdir(), 'own-ref-ws-'));
    const out = join(ws, '..', `${sha}.out`);
    writeFileSync(out, '');
    const self = spawnSync('bash', ['-e', '-c', selfStep.run as string], {
      env: { PATH: process.env.PATH, GITHUB_OUTPUT: out, WORKFLOW_REPOSITORY: 'immutable-deploy/immutable-deploy', WORKFLOW_SHA: sha },
      encoding: 'utf8',
    });
    expect(self.status, self.stderr).toBe(0);
    const outputs = Object.fromEntries(readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split('=') as [string, string]));
    expect(outputs).toEqual({ repository: 'immutable-deploy/immutable-deploy', sha });
    // actions/checkout with repository/ref from those outputs, path and sparse-checkout (non-cone) as in the workflow.
    expect(checkout.with.ref).toBe('${{ steps.self.outputs.sha }}');
    const path = join(ws, checkout.with.path as string);
    git(ws, 'init', '-q', path);
    git(path, 'remote', 'add', 'origin', origin);
    git(path, 'sparse-checkout', 'set', '--no-cone', ...String(checkout.with['sparse-checkout']).split('\n').filter(Boolean));
    git(path, 'fetch', '-q', '--depth', '1', 'origin', outputs.sha!);
    git(path, 'checkout', '-q', 'FETCH_HEAD');
    const g = spawnSync('bash', ['-e', '-c', guard.run as string], { cwd: ws, env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(g.status, g.stdout).toBe(0);
    return ws;
  }

  it('pinned to commit B: only the action\'s files are checked out, and B\'s bundle runs', async () => {
    const ws = jobSteps(b);
    const dir = join(ws, '.immutable-deploy-action');
    expect(readdirSync(dir).filter((f) => f !== '.git').sort()).toEqual(['action.yml', 'dist', 'share']);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    const r = await runAction({ command: 'status', app: APP }, { cwd: ws, entry: join(dir, 'dist', 'index.js') });
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain('bundle of commit B');
    expect(r.outputs['live-version']).toBe('');
  });

  it('pinned to v1 (commit A): v1\'s bundle runs, not the newer one', async () => {
    const ws = jobSteps(a);
    const r = await runAction({ command: 'status', app: APP }, { cwd: ws, entry: join(ws, '.immutable-deploy-action', 'dist', 'index.js') });
    expect(r.code, r.log).toBe(0);
    expect(r.log).not.toContain('bundle of commit B');
  });
});

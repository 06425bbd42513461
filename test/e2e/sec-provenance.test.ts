/**
 * Provenance through the bundle: the revision label and the sha- version name the commit that was
 * checked out and built, whatever the event says; when that is not the event's commit, the log and the
 * summary say so. Real git repositories, real docker build.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker } from '../helpers/docker.js';

const APP = 'secprov';
const git = (dir: string, ...a: string[]) =>
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { encoding: 'utf8' }).trim();
const revision = (ref: string) => docker('image', 'inspect', '--format', '{{index .Config.Labels "org.opencontainers.image.revision"}}', ref);

describe('provenance', () => {
  let repo: string;
  let prHead: string;
  let merge: string;

  beforeAll(() => {
    cleanupApp(APP);
    // main, a feature branch (the PR head), and the merge commit actions/checkout checks out on pull_request.
    repo = appRepo({ kind: 'web', text: 'base' });
    git(repo, 'checkout', '-q', '-b', 'feature');
    prHead = commitChange(repo, 'feature');
    git(repo, 'checkout', '-q', 'main');
    writeFileSync(join(repo, 'main-only.txt'), 'main moved on\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'main moved on');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
    merge = git(repo, 'rev-parse', 'HEAD');
  });
  afterAll(() => cleanupApp(APP));

  /** A build on pull_request #5, GITHUB_SHA the merge commit, the payload's head the PR head. */
  const prBuild = () =>
    runAction(
      { command: 'build', app: APP },
      {
        cwd: repo,
        env: { GITHUB_SHA: merge, GITHUB_REF: 'refs/pull/5/merge' },
        event: { name: 'pull_request', payload: { pull_request: { number: 5, head: { sha: prHead, ref: 'feature' } } } },
      },
    );

  it('a pull_request build of the merge commit is labelled with the merge commit, and says it is not the PR head', async () => {
    const r = await prBuild();
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.version).toBe(`sha-${merge.slice(0, 7)}`);
    expect(revision(`${APP}:sha-${merge.slice(0, 7)}`)).toBe(merge);
    expect(r.outputs.labels).toContain(`org.opencontainers.image.revision=${merge}`);
    const warning = `The checked-out commit ${merge.slice(0, 12)} is not the pull request head (${prHead.slice(0, 12)})`;
    expect(r.log).toMatch(/::warning title=Built commit differs from the event::/);
    expect(r.log).toContain(warning);
    expect(r.summary).toContain(warning);
    expect(r.summary).toContain('ref: ${{ github.event.pull_request.head.sha }}');
  });

  it('with the PR head checked out (as the reusable workflow does) it is labelled with the PR head, no warning', async () => {
    git(repo, 'checkout', '-q', '--detach', prHead);
    try {
      const r = await prBuild();
      expect(r.code, r.log).toBe(0);
      expect(revision(`${APP}:sha-${prHead.slice(0, 7)}`)).toBe(prHead);
      expect(r.log).not.toContain('Built commit differs');
      expect(r.summary).not.toContain('is not the pull request head');
    } finally {
      git(repo, 'checkout', '-q', 'main');
    }
  });

  it("a workflow_run build of the default branch is labelled with what was built, and says it is not the run's head_sha", async () => {
    const r = await runAction(
      { command: 'build', app: APP },
      {
        cwd: repo,
        env: { GITHUB_SHA: merge, GITHUB_REF: 'refs/heads/main' },
        event: { name: 'workflow_run', payload: { workflow_run: { head_sha: prHead, head_branch: 'feature' } } },
      },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.version).toBe(`sha-${merge.slice(0, 7)}`);
    expect(r.log).toContain(`is not the triggering run's head_sha (${prHead.slice(0, 12)})`);
  });
});

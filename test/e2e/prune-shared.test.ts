/**
 * Issue 19, pruning: on an engine that staging and production share, a production deploy untags only versions
 * no environment runs. Staging's live and warm versions keep their tags (what its recycle and a cold start
 * of them need). Real Docker, through dist/index.js. Each version has a second tag (build-<sha>, as a pushed image
 * has its digest reference), so the engine itself does not refuse to untag a version a container runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, running } from '../helpers/docker.js';

const APP = 'prunesh';
const tags = () => docker('image', 'ls', '--format', '{{.Tag}}', APP).split('\n').filter((t) => t.startsWith('sha-')).sort();

describe('image pruning on a shared engine', () => {
  afterAll(() => cleanupApp(APP));

  it("a production deploy with keep-images 1 keeps staging's live and warm version tags; only versions nothing runs go", async () => {
    cleanupApp(APP);
    const repo = appRepo({ kind: 'web', text: 'v0' });
    // A second tag per version (as pushed images have a digest reference): the engine lets a prune untag a version
    // an instance runs, so only the action's own protection keeps it.
    const base = { app: APP, keep: '1', tags: 'type=sha,prefix=build-', 'drain-seconds': '0', 'stop-timeout': '1' };
    const deploy = async (environment: string, text: string, extra: Record<string, string> = {}) => {
      commitChange(repo, text);
      const r = await runAction({ ...base, environment, ...extra }, { cwd: repo });
      expect(r.code, r.log).toBe(0);
      return r.outputs.version!;
    };
    // A version built once and no longer run anywhere: the one prune may take.
    const old = await deploy('scratch', 'old');
    docker('rm', '-f', ...running(APP, 'scratch').map((i) => i.name));
    const s1 = await deploy('staging', 's1');
    const s2 = await deploy('staging', 's2');
    expect(running(APP, 'staging').map((i) => i.version).sort()).toEqual([s1, s2].sort());
    expect(tags()).toEqual([old, s1, s2].sort());

    const p1 = await deploy('production', 'p1', { 'keep-images': '1' });
    // Staging's live (s2) and warm (s1) versions keep their tags; the version nothing runs went.
    expect(tags()).toEqual([s1, s2, p1].sort());
    expect(running(APP, 'staging').map((i) => i.version).sort()).toEqual([s1, s2].sort());

    // Staging's recycle needs its live version's tag: it works after production's deploy.
    const recycle = await runAction({ ...base, environment: 'staging', command: 'recycle' }, { cwd: repo });
    expect(recycle.code, recycle.log).toBe(0);
    expect(recycle.outputs['live-version']).toBe(s2);
  });
});

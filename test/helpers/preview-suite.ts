/**
 * Testers first (preview-header, issue 20 §1), one router at a time, through the bundled dist/index.js: the first deploy
 * (v1) fills the preview route during verification and empties it after the run; then a v2 whose acceptance command
 * fails: that command (before any share) sends 100 requests with the header to PREVIEW_URL (all must reach v2) and 100
 * without (all must reach v1), and after the failed run the route is empty and v1 serves everyone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from './action.js';
import { appRepo, cleanupApp, commitChange, docker, graceful } from './docker.js';

export const HEADER = 'X-Preview';

/** The acceptance command: what 100 requests with the header and 100 without got through the balancer, one body per line. */
const ACCEPTANCE = [
  'test -n "$PREVIEW_URL" && test "$PREVIEW_HEADER" = X-Preview',
  // One curl, 100 requests on a keep-alive connection (the balancers route each request on its own).
  'urls=$(for i in $(seq 100); do echo "$PREVIEW_URL"; done)',
  'curl -s -m 10 -w "\\n" -H "$PREVIEW_HEADER: yes" $urls > "$OUT/with-$VERSION"',
  'curl -s -m 10 -w "\\n" $urls > "$OUT/without-$VERSION"',
  'if [ -n "$HOLD_ACCEPTANCE" ]; then echo hold""ing; sleep 60; fi',
  'test -z "$FAIL_ACCEPTANCE"',
].join('\n');

/** 100 requests through the balancer, with or without the header: the bodies' counts. */
async function hundred(url: string, header: boolean): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < 100; i++) {
    const res = await fetch(url, { headers: header ? { [HEADER]: 'yes' } : {}, signal: AbortSignal.timeout(5000) });
    const body = res.status === 200 ? (await res.text()).trim() : String(res.status);
    counts[body] = (counts[body] ?? 0) + 1;
  }
  return counts;
}

function bodies(out: string, file: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of readFileSync(join(out, file), 'utf8').split('\n').filter(Boolean)) counts[line] = (counts[line] ?? 0) + 1;
  return counts;
}

export interface PreviewBed {
  url: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** What the preview route holds now, read from the balancer ([]: empty). */
  previewRoute(): Promise<string[]>;
}

/**
 * `o.cancel`: also cancel a run (SIGINT, as the runner does) while its preview route is filled. `o.kill`: also kill one
 * (SIGKILL) during its release command, preview route filled, and see the next deploy (without preview-header) put both right.
 */
export function previewSuite(router: string, app: string, bed: () => PreviewBed, o: { cancel?: boolean; kill?: boolean } = {}): void {
  describe(`preview-header through ${router}`, () => {
    let repo: string;
    let out: string;
    let inputs: Record<string, string>;
    let env: Record<string, string>;

    beforeAll(() => {
      cleanupApp(app);
      repo = appRepo({ kind: 'web', text: 'v1' });
      out = mkdtempSync(join(tmpdir(), 'preview-'));
      const b = bed();
      env = { OUT: out, ...b.env };
      inputs = { app, 'drain-seconds': '0', 'stop-timeout': '1', 'preview-header': HEADER, 'acceptance-command': ACCEPTANCE, ...b.inputs };
    });
    afterAll(() => cleanupApp(app));

    it('first deploy: requests with the header reach v1 through the balancer during verification; the route is empty after the run', async () => {
      const b = bed();
      const r = await runAction(inputs, { cwd: repo, env });
      expect(r.code, r.log).toBe(0);
      expect(bodies(out, `with-${r.outputs.version}`)).toEqual({ v1: 100 });
      expect(r.log).toContain('Preview route emptied');
      expect(await b.previewRoute()).toEqual([]);
      expect(await hundred(b.url, true)).toEqual({ v1: 100 });
      expect(await hundred(b.url, false)).toEqual({ v1: 100 });
    });

    it('before any share, 100 of 100 requests with the header reach v2 and 100 of 100 without reach v1; a failed run empties the route', async () => {
      const b = bed();
      const v2 = commitChange(repo, 'v2');
      const r = await runAction(inputs, { cwd: repo, env: { ...env, FAIL_ACCEPTANCE: '1' } });
      expect(r.code, r.log).not.toBe(0);
      expect(r.log).toContain('The acceptance command failed');
      const version = `sha-${v2.slice(0, 7)}`;
      expect(bodies(out, `with-${version}`)).toEqual({ v2: 100 });
      expect(bodies(out, `without-${version}`)).toEqual({ v1: 100 });
      expect(r.log).toContain('Preview route emptied');
      expect(await b.previewRoute()).toEqual([]);
      expect(await hundred(b.url, true)).toEqual({ v1: 100 });
      expect(await hundred(b.url, false)).toEqual({ v1: 100 });
    });

    if (o.cancel)
      it('a run cancelled (SIGINT) while its preview route is filled empties it; v1 serves everyone', async () => {
        const b = bed();
        commitChange(repo, 'v3');
        const r = await runAction(inputs, { cwd: repo, env: { ...env, HOLD_ACCEPTANCE: '1' }, killWhen: (log) => log.includes('holding'), signal: 'SIGINT' });
        expect(r.code, r.log).toBe(130);
        expect(r.log).toContain('Preview route emptied');
        expect(await b.previewRoute()).toEqual([]);
        expect(await hundred(b.url, true)).toEqual({ v1: 100 });
      });

    if (o.kill)
      it('a run killed (SIGKILL) in its release command, preview route filled: the next deploy empties the route and removes the one-off container', async () => {
        const b = bed();
        const oneOffs = () =>
          docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${app}`, '--filter', 'label=dev.immutable-deploy.role=release-command').split('\n').filter(Boolean);
        // An image whose ENTRYPOINT passes its CMD on (as most app images do; to busybox, under a shell that exits on
    // SIGTERM): the release command replaces the CMD.
        writeFileSync(join(repo, 'Dockerfile'), ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY index.html status.json /www/', `ENTRYPOINT ${graceful('/bin/busybox "$@"')}`, 'CMD ["httpd","-f","-p","8080","-h","/www"]', ''].join('\n'));
        commitChange(repo, 'v4');
        // Killed once its one-off container runs (polled: at most 60 s).
        const running = (async () => {
          for (let i = 0; i < 600 && oneOffs().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
          if (oneOffs().length === 0) throw new Error('no release command container started');
        })();
        const killed = await runAction({ ...inputs, 'release-command': 'sleep 120' }, { cwd: repo, env, killOn: running });
        expect(killed.signal, killed.log).toBe('SIGKILL');
        expect(killed.log).toContain('Release command on');
        expect(oneOffs()).toHaveLength(1);
        expect(await b.previewRoute()).not.toEqual([]);

        // The next deploy gives neither preview-header nor release-command.
        const next = await runAction({ ...inputs, 'preview-header': '', 'acceptance-command': '' }, { cwd: repo, env });
        expect(next.code, next.log).toBe(0);
        expect(next.log).toContain('a run was killed before it emptied it');
        expect(next.log).toMatch(/Removed the release command container \S+ that a killed run left/);
        // Emptied before the killed run's candidate went.
        expect(next.log.indexOf('Preview route left filled')).toBeLessThan(next.log.indexOf('Removing 1 leftover instance'));
        expect(oneOffs()).toEqual([]);
        expect(await b.previewRoute()).toEqual([]);
        expect(await hundred(b.url, true)).toEqual({ v4: 100 });
      });
  });
}

/** A routes file's preview servers ([] when it has none, or there is no file). */
export const routesPreview = (file: string) => (): Promise<string[]> => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return Promise.resolve([]);
  }
  return Promise.resolve((JSON.parse(text) as { preview?: { servers: string[] } }).preview?.servers ?? []);
};

/**
 * Testers first (preview-header, issue 20 §1), one router at a time, through the bundled dist/index.js: the first deploy
 * (v1) fills the preview route during verification and empties it after the run; then a v2 whose acceptance command
 * fails: that command (before any share) sends 100 requests with the header to PREVIEW_URL (all must reach v2) and 100
 * without (all must reach v1), and after the failed run the route is empty and v1 serves everyone.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from './action.js';
import { appRepo, cleanupApp, commitChange } from './docker.js';

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
  /** What a request with the header gets once the route is empty: the live version, or (Caddy) its status for no upstreams. */
  emptied: 'live' | '503';
}

/** `o.cancel`: also cancel a run (SIGINT, as the runner does) while its preview route is filled. */
export function previewSuite(router: string, app: string, bed: () => PreviewBed, o: { cancel?: boolean } = {}): void {
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
      expect(await hundred(b.url, true)).toEqual(b.emptied === 'live' ? { v1: 100 } : { '503': 100 });
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
      expect(await hundred(b.url, true)).toEqual(b.emptied === 'live' ? { v1: 100 } : { '503': 100 });
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

/**
 * The command line (dist/cli.js, package.json "bin") driven as a person would during an incident: spawned
 * in an empty directory (no checkout), with no inputs but app and environment, against a real Docker engine
 * and a real HAProxy, after the action (dist/index.js, as the runner drives it) deployed v1 and v2. It reads
 * the records the action wrote: status (text and --json), then a rollback started from the CLI to the
 * version the action's last flip replaced, recorded as a GitHub Deployment (GITHUB_TOKEN +
 * GITHUB_REPOSITORY, against test/helpers/fake-github.ts: no GitHub can be reached from here).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE24, runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange } from '../helpers/docker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const APP = `cli${process.pid % 10000}`;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a person runs it: its own process, an empty working directory, the environment given. */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'cli-'));
  // Nothing of a runner: no GITHUB_* or INPUT_* variables unless the test gives them.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_)/.test(k))) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const child = spawn(NODE24, [CLI, ...args], { cwd, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the command line over the records the action wrote', () => {
  let lb: HaproxyServer;
  let gh: FakeGitHub;
  const shas: string[] = [];
  const versions: string[] = [];
  let summary = '';

  beforeAll(async () => {
    cleanupApp(APP);
    [lb, gh] = await Promise.all([startHaproxy({ backend: `${APP}-production`, slots: 4, maintenance: { headers: [] } }), startFakeGitHub({ owner: 'acme', repo: 'shop' })]);
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const inputs = {
      app: APP,
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      'haproxy-state-file': lb.stateFile,
      keep: '1',
      replicas: '2',
      'drain-seconds': '0',
      'stop-timeout': '1',
    };
    const ok = (r: ActionRun) => {
      expect(r.code, r.log).toBe(0);
      versions.push(r.outputs.version!);
      shas.push(execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim());
    };
    ok(await runAction(inputs, { cwd: repo }));
    commitChange(repo, 'v2');
    const v2 = await runAction(inputs, { cwd: repo });
    ok(v2);
    summary = v2.summary;
    expect((await get(lb.url)).body).toBe('v2\n');
  });
  afterAll(async () => {
    await Promise.all([lb?.stop(), gh?.close()]);
    cleanupApp(APP);
  });

  it("the action's job summary: its phases on a time line, one row per version and host, every instance folded", () => {
    expect(summary).toMatch(/### Time line\n\n```mermaid\ngantt\n/);
    for (const phase of ['build', 'provide', 'launch', 'verify', 'flip']) expect(summary).toMatch(new RegExp(`\\n  ${phase} [\\d.]+ m?s :p\\d+, \\d+, \\d+\\n`));
    expect(summary).toMatch(/\| verify \| \+[\d.]+ m?s \| [\d.]+ m?s \|/);
    // 2 + 2 instances: a row per version and host with the count, not a row per instance.
    expect(summary).toMatch(new RegExp(`\\| live \\| ${versions[1]} \\| [^|]+ \\| local \\| 2 \\|`));
    expect(summary).toMatch(new RegExp(`\\| warm \\| ${versions[0]} \\| [^|]+ \\| local \\| 2 \\|`));
    expect(summary).toContain('<summary>Every instance (4)</summary>');
    expect(summary).toMatch(/<summary>Every instance's steps \(\d+ rows\)<\/summary>/);
  });

  it('status --json: the live and the warm version, from app and environment alone', async () => {
    const r = await cli(['status', '--app', APP, '--environment', 'production', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; app: string; outputs: { 'live-version': string; versions: { version: string; state: string; instances?: { url: string }[] }[] } };
    expect(out.ok).toBe(true);
    expect(out.app).toBe(APP);
    expect(out.outputs['live-version']).toBe(versions[1]);
    const state = Object.fromEntries(out.outputs.versions.map((v) => [v.version, v.state]));
    expect(state[versions[1]!]).toBe('live');
    expect(state[versions[0]!]).toBe('warm');
    // The instance URL it reports answers with what that version serves.
    const warm = out.outputs.versions.find((v) => v.version === versions[0])!;
    expect((await get(warm.instances![0]!.url)).body).toBe('v1\n');
  });

  it('status: the job summary as a text table on stdout, the log on stderr', async () => {
    const r = await cli(['status', '--app', APP], { DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${APP} in production: ${versions[1]} is live`);
    const rows = r.stdout.split('\n');
    expect(rows.some((l) => /^state\s+version\s+commit\s+digest/.test(l))).toBe(true);
    expect(rows.some((l) => l.startsWith('live ') && l.includes(versions[1]!) && l.includes(shas[1]!.slice(0, 7)))).toBe(true);
    expect(rows.some((l) => l.startsWith('warm ') && l.includes(versions[0]!))).toBe(true);
    expect(r.stdout).not.toMatch(/\||::|<br>|\]\(/);
  });

  it('rollback from the CLI to the version the action replaced: one flip, recorded as a GitHub Deployment', async () => {
    const r = await cli(['rollback', '--app', APP], {
      GITHUB_TOKEN: gh.token,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: gh.url,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('one flip, no build, no pull');
    expect((await get(lb.url)).body).toBe('v1\n');
    expect(r.stdout).not.toContain(gh.token);
    expect(r.stderr).not.toContain(gh.token);

    const d = gh.deployments.at(-1)!;
    expect(d).toMatchObject({ sha: shas[0], environment: 'production', task: 'deploy:rollback', production_environment: true });
    expect(d.payload).toMatchObject({ version: versions[0], previousVersion: versions[1] });
    expect(d.statuses.map((s) => s.state)).toContain('success');

    // The action sees what the CLI did: the same records.
    const after = await cli(['status', '--app', APP, '--json']);
    expect((JSON.parse(after.stdout) as { outputs: Record<string, unknown> }).outputs['live-version']).toBe(versions[0]);
  });

  it('a failing command exits 1 and says why, in the JSON too', async () => {
    const r = await cli(['rollback', '--app', APP, '--version', 'sha-0000000', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; error: string };
    expect(out.ok).toBe(false);
    expect(out.error).toContain('sha-0000000');
    expect((await get(lb.url)).body).toBe('v1\n');
  });

  it('maintenance on and off from the command line, with only app and the switch: the router comes from the records', async () => {
    const on = await cli(['maintenance', '--app', APP, '--maintenance', 'on', '--json']);
    expect(on.code, on.stderr).toBe(0);
    expect((JSON.parse(on.stdout) as { outputs: Record<string, unknown> }).outputs.maintenance).toBe('on');
    expect((await get(lb.url)).status).toBe(503);
    const status = await cli(['status', '--app', APP, '--json']);
    expect((JSON.parse(status.stdout) as { outputs: Record<string, unknown> }).outputs.maintenance).toBe('on');
    const off = await cli(['maintenance', '--app', APP, '--maintenance', 'off']);
    expect(off.code, off.stderr).toBe(0);
    const after = await get(lb.url);
    expect(after.status).toBe(200);
    expect(after.body).toBe('v1\n');
  });

  it('usage errors exit 2 and name the flag', async () => {
    const bad = await cli(['status', '--app', APP, '--no-such-input', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'--no-such-input'");
  });
});

/**
 * Image policy (issue 13): rules checked on the image before any instance of it starts, warn or enforce.
 * Real Docker, driven through the bundled dist/index.js as the runner drives it.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, docker, get, running } from '../helpers/docker.js';

const APP = 'immpolicy';
const RULES = 'non-root\nno-secret-env\nhealthcheck\nlabels\nmax-size=50';
const deploy = (cwd: string, environment: string, inputs: Record<string, string>) =>
  runAction({ app: APP, environment, command: 'deploy', 'health-timeout': '20', policy: RULES, ...inputs }, { cwd });
const containersOf = (environment: string) =>
  docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', `label=dev.immutable-deploy.environment=${environment}`);

describe('image policy', () => {
  let rooted: string;
  let clean: string;
  beforeAll(() => {
    cleanupApp(APP);
    // The helper's image: no USER (root), no HEALTHCHECK; plus a secret baked into its ENV.
    rooted = appRepo({ kind: 'web', text: 'rooted' });
    appendFileSync(join(rooted, 'Dockerfile'), 'ENV DB_PASSWORD=hunter2-in-the-image\n');
    execFileSync('git', ['-C', rooted, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'secret env']);
    // One that keeps every rule: an unprivileged USER and a HEALTHCHECK.
    clean = appRepo({ kind: 'web', text: 'clean', healthcheck: true });
    appendFileSync(join(clean, 'Dockerfile'), 'USER 65534:65534\nENV DB_PASSWORD=\n');
    execFileSync('git', ['-C', clean, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'non-root']);
  });
  afterAll(() => cleanupApp(APP));

  it('enforce: an image that breaks rules fails the run before any instance starts, naming each rule', async () => {
    const r = await deploy(rooted, 'enforced', { 'policy-mode': 'enforce', policy: `${RULES}\nmax-size=1` });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('breaks 4 policy rule(s)');
    expect(r.log).toContain('non-root: no USER: the image runs as root');
    expect(r.log).toContain('no-secret-env: ENV holds DB_PASSWORD (a secret-looking name with a value)');
    expect(r.log).toContain('healthcheck: no HEALTHCHECK declared');
    expect(r.log).toMatch(/max-size=1: 2\.\d MB > 1 MB/);
    expect(r.log).not.toContain('Start a fresh instance');
    expect(containersOf('enforced')).toBe('');
    // The summary has the table; the secret value is in neither the log nor the summary.
    expect(r.summary).toContain('Image policy for');
    expect(r.summary).toContain('| non-root | FAIL | no USER: the image runs as root |');
    expect(r.summary).toContain('| labels | pass |');
    expect(r.summary).toMatch(/\| max-size=50 \| pass \| 2\.\d MB <= 50 MB \|/);
    // (The build's own log echoes the Dockerfile, ENV line included: that is the user's text, before the policy runs.)
    const buildStart = r.log.indexOf('::group::Build ');
    const buildEnd = r.log.indexOf('::endgroup::', buildStart);
    expect(buildStart, 'the build group').toBeGreaterThanOrEqual(0);
    expect(buildEnd, 'the end of the build group').toBeGreaterThan(buildStart);
    const afterBuild = r.log.slice(buildEnd);
    // The policy's own report comes after the build: what is checked is where the policy speaks.
    expect(afterBuild).toContain('no-secret-env: ENV holds DB_PASSWORD');
    for (const text of [afterBuild, r.summary]) expect(text).not.toContain('hunter2-in-the-image');
  });

  it('warn (the default): the same image deploys, with a warning annotation and the table', async () => {
    const r = await deploy(rooted, 'warned', {});
    expect(r.code, r.log).toBe(0);
    expect(r.log).toMatch(/::warning title=Image policy::.*breaks 3 policy rule\(s\).*policy-mode is warn/);
    expect(r.summary).toContain('| healthcheck | warn | no HEALTHCHECK declared |');
    expect(running(APP, 'warned')).toHaveLength(1);
    expect((await get(r.outputs.url!)).body).toContain('rooted');
  });

  it('enforce: an image that keeps every rule deploys and serves', async () => {
    const r = await deploy(clean, 'enforced', { 'policy-mode': 'enforce' });
    expect(r.code, r.log).toBe(0);
    expect(r.summary).toContain(': passed');
    expect(r.summary).toContain('| non-root | pass | USER is 65534:65534 |');
    expect(r.summary).toMatch(/\| healthcheck \| pass \| HEALTHCHECK \/bin\/busybox wget/);
    expect((await get(r.outputs.url!)).body).toContain('clean');
  });

  it('enforce applies to an existing version deployed without a build', async () => {
    const built = await runAction({ app: APP, command: 'build', version: 'rooted-1', policy: RULES }, { cwd: rooted });
    expect(built.code, built.log).toBe(0);
    expect(built.summary).toContain('Image policy');
    const r = await deploy(rooted, 'promoted', { version: 'rooted-1', 'policy-mode': 'enforce' });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/The image of rooted-1 \(sha256:[0-9a-f]{12}\) breaks 3 policy rule\(s\)/);
    expect(containersOf('promoted')).toBe('');
  });

  it('refuses an unknown rule, naming the input and the rules it accepts', async () => {
    const r = await deploy(clean, 'bad', { policy: 'non-root\nno-root-login' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('Input "policy" has the value "no-root-login"');
    expect(r.log).toContain('non-root, no-secret-env, healthcheck, labels, max-size=<MB>');
  });
});

/**
 * Secrets through the bundle, as the runner runs it, against real Docker, a real registry with basic
 * auth, a real nginx and the fake GitHub API (no GitHub is reachable here; see fake-github.ts).
 *
 * Every child the action starts is observed: `docker` on PATH (builds, registry logins and pushes:
 * containers are created through the Engine API) is a wrapper that records its argv, its environment
 * and any --env-file it was given, then runs the real docker; the nginx test and reload
 * commands, the acceptance command and the router command dump their environment. None of them may
 * hold a secret value or an INPUT_* variable; the secret reaches only the app's own environment.
 */
import bcrypt from 'bcryptjs';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runPost, SYSTEM_PATH, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, docker } from '../helpers/docker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { startRegistry, type Registry } from '../helpers/registry.js';
import { get, startNginx, type NginxServer } from '../helpers/servers.js';

const APP = 'secapp';
const PASSWORD = 'reg-pass-Zq81x0c4';
const DB_URL = 'postgres://app:pw-Hk27Lm@db/app';
const SECRETS = [PASSWORD, DB_URL, 'pw-Hk27Lm'];
const REAL_DOCKER = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();

/** The log without the runner's own ::add-mask:: commands (the runner hides those values). */
const visible = (r: ActionRun) => r.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');

function spyDir(): { dir: string; bin: string; envdump: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sec-spy-'));
  const bin = join(dir, 'bin');
  execFileSync('mkdir', [bin]);
  // docker: record argv, environment and the env file (mode, content) before running the real docker.
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh
n="$SEC_SPY_DIR/docker.$$"
printf '%s\\n' "$@" > "$n.argv"
env > "$n.env"
prev=""
for a in "$@"; do
  if [ "$prev" = "--env-file" ]; then stat -c '%a' "$a" > "$n.envfile-mode"; cp "$a" "$n.envfile"; echo "$a" > "$n.envfile-path"; fi
  prev="$a"
done
exec ${REAL_DOCKER} "$@"
`,
  );
  chmodSync(join(bin, 'docker'), 0o755);
  const envdump = join(bin, 'envdump');
  writeFileSync(envdump, `#!/bin/sh\nname="$1"; shift\nenv > "$SEC_SPY_DIR/$name.$$.env"\nexec "$@"\n`);
  chmodSync(envdump, 0o755);
  return { dir, bin, envdump };
}

const files = (dir: string, suffix: string) => readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));

describe('secrets', () => {
  let registry: Registry;
  let lb: NginxServer;
  let gh: FakeGitHub;
  let repo: string;
  let spy: ReturnType<typeof spyDir>;
  let dockerConfig: string;
  let image: string;
  let inputs: Record<string, string>;
  let env: Record<string, string>;

  beforeAll(async () => {
    cleanupApp(APP);
    registry = await startRegistry({ htpasswd: `ci:${bcrypt.hashSync(PASSWORD, 4)}` });
    lb = await startNginx({ upstreamName: `${APP}-production` });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'shop' });
    repo = appRepo({ kind: 'web', text: 'secret-app' });
    spy = spyDir();
    dockerConfig = mkdtempSync(join(tmpdir(), 'sec-docker-config-'));
    image = `${registry.host}/acme/${APP}`;
    inputs = {
      app: APP,
      image,
      push: 'true',
      registry: registry.host,
      'registry-username': 'ci',
      'registry-password': PASSWORD,
      'github-token': gh.token,
      // A long secret, and two values too short or common to mask: the deploy must still succeed.
      'secret-env': `DATABASE_URL=${DB_URL}\nFLAG=true\nSHARD=1`,
      // Instance env that would steer the docker CLI if it became its environment.
      env: 'HTTP_PROXY=http://127.0.0.1:9/\nHTTPS_PROXY=http://127.0.0.1:9/\nNO_PROXY=nothing\nDOCKER_HOST=tcp://127.0.0.1:9',
      'acceptance-command': `${spy.envdump} acceptance true`,
      router: 'nginx',
      'nginx-upstream-file': lb.upstreamFile,
      'nginx-test-command': [spy.envdump, 'nginx-test', ...lb.testCommand].join(' '),
      'nginx-reload-command': [spy.envdump, 'nginx-reload', ...lb.reloadCommand].join(' '),
      'nginx-pid-file': lb.pidFile,
      'drain-seconds': '0',
      'stop-timeout': '1',
    };
    env = {
      PATH: `${spy.bin}:${SYSTEM_PATH}`,
      SEC_SPY_DIR: spy.dir,
      DOCKER_CONFIG: dockerConfig,
      GITHUB_API_URL: gh.url,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '7',
      // The runner gives these to actions, not to `run:` steps; no child of ours needs them.
      ACTIONS_RUNTIME_TOKEN: 'runtime-tok-Jq1w2e3r',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-tok-Pz9x8c7v',
    };
  });
  afterAll(async () => {
    await lb?.stop();
    await registry?.stop();
    await gh?.close();
    cleanupApp(APP, image);
  });

  it('deploys with FLAG=true and SHARD=1; no secret in the log, summary, outputs, labels, argv or any child environment', async () => {
    const r = await runAction(inputs, { cwd: repo, env });
    expect(r.code, r.log).toBe(0);
    expect((await get(lb.url)).body).toBe('secret-app\n');

    // Masked for the runner; the short values are named in a warning instead, never masked or shown.
    expect(r.log).toContain(`::add-mask::${PASSWORD}`);
    expect(r.log).toContain(`::add-mask::${DB_URL}`);
    expect(r.log).not.toMatch(/::add-mask::(true|1)$/m);
    expect(r.log).toMatch(/FLAG's value is too short or too common to mask safely/);
    expect(r.log).toMatch(/SHARD's value is too short or too common to mask safely/);

    const secretsAndTokens = [...SECRETS, gh.token, 'runtime-tok-Jq1w2e3r', 'oidc-tok-Pz9x8c7v'];
    for (const text of [visible(r), r.summary, JSON.stringify(r.outputs)])
      for (const s of [...SECRETS, gh.token]) expect(text).not.toContain(s);

    // The app, and only the app, has its environment.
    const [name] = docker('ps', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--format', '{{.Names}}').split('\n');
    const c = JSON.parse(docker('container', 'inspect', name!))[0];
    expect(c.Config.Env).toEqual(expect.arrayContaining([`DATABASE_URL=${DB_URL}`, 'FLAG=true', 'SHARD=1', 'HTTP_PROXY=http://127.0.0.1:9/']));
    const img = JSON.parse(docker('image', 'inspect', c.Image))[0];
    for (const s of SECRETS) expect(JSON.stringify([c.Config.Labels, img.Config.Labels, c.Args, c.Config.Cmd, c.Name])).not.toContain(s);

    // Every child: no INPUT_*, no runtime tokens, no secret value; docker's own environment has none of the app's.
    const envFiles = files(spy.dir, '.env');
    const kinds = new Set(envFiles.map((f) => f.split('/').pop()!.split('.')[0]));
    expect([...kinds].sort()).toEqual(['acceptance', 'docker', 'nginx-reload', 'nginx-test']);
    for (const f of envFiles) {
      const childEnv = readFileSync(f, 'utf8');
      expect(childEnv, f).not.toMatch(/^INPUT_/m);
      expect(childEnv, f).not.toMatch(/^(STATE_|GITHUB_OUTPUT=|GITHUB_STATE=)/m);
      for (const s of secretsAndTokens) expect(childEnv, f).not.toContain(s);
    }
    for (const f of files(spy.dir, '.env').filter((f) => f.includes('/docker.'))) {
      const dockerEnv = readFileSync(f, 'utf8');
      expect(dockerEnv, f).not.toMatch(/^(HTTP_PROXY|HTTPS_PROXY|NO_PROXY|FLAG|SHARD|DATABASE_URL)=/m);
      expect(dockerEnv, f).not.toContain('DOCKER_HOST=tcp://127.0.0.1:9');
    }
    for (const f of files(spy.dir, '.argv')) for (const s of SECRETS) expect(readFileSync(f, 'utf8'), f).not.toContain(s);

    // The values went to the engine in the container-create request: no docker process started the
    // container, so none was ever given them (in argv, its environment or a file).
    const argvs = files(spy.dir, '.argv').map((f) => readFileSync(f, 'utf8'));
    expect(argvs.filter((a) => /^(run|create|container\n(run|create))\n/.test(a))).toEqual([]);
    expect(files(spy.dir, '.envfile')).toEqual([]);

    // The post step logs out of the registry: the runner's docker config keeps no credentials.
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).toContain(registry.host);
    const post = await runPost(inputs, r, { cwd: repo, env });
    expect(post.code, post.log).toBe(0);
    expect(post.log).toContain(`Logged out of ${registry.host}`);
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).not.toContain(registry.host);
  });

  it('the router command gets no INPUT_* and no secret either', async () => {
    const live = join(spy.dir, 'live');
    // A command router: record the target on flip, print it on read; its environment dumped each time.
    const command = [
      `env > "$SEC_SPY_DIR/router-command.$$.env"`,
      `if [ "$ROUTER_ACTION" = read ]; then cat "${live}" 2>/dev/null || true; exit 0; fi`,
      `printf "%s:%s\\n" "$TARGET_HOST" "$TARGET_PORT" > "${live}"`,
    ].join('\n');
    const r = await runAction(
      { ...inputs, environment: 'cmd', router: 'command', 'router-command': command, push: 'false' },
      { cwd: repo, env },
    );
    expect(r.code, r.log).toBe(0);
    expect((await get(`http://${readFileSync(live, 'utf8').trim()}/`)).body).toBe('secret-app\n');
    const dumps = files(spy.dir, '.env').filter((f) => f.includes('/router-command.'));
    expect(dumps.length).toBeGreaterThan(0);
    for (const f of dumps) {
      const childEnv = readFileSync(f, 'utf8');
      expect(childEnv, f).not.toMatch(/^INPUT_/m);
      for (const s of [...SECRETS, gh.token, 'runtime-tok-Jq1w2e3r', 'oidc-tok-Pz9x8c7v']) expect(childEnv, f).not.toContain(s);
      expect(childEnv, f).toMatch(/^ROUTER_ACTION=(read|flip)$/m);
    }
  });

  it('logout: false keeps the credentials after the job', async () => {
    const keep = { ...inputs, command: 'build', logout: 'false' };
    const r = await runAction(keep, { cwd: repo, env });
    expect(r.code, r.log).toBe(0);
    const post = await runPost(keep, r, { cwd: repo, env });
    expect(post.code, post.log).toBe(0);
    expect(post.log).toContain('logout: false');
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).toContain(registry.host);
  });

  it('a malformed secret-env line fails naming the line, and its value is never printed', async () => {
    const r = await runAction(
      { app: APP, 'secret-env': `FLAG=true\nexport DATABASE_URL=${DB_URL}` },
      { cwd: repo, env },
    );
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/Input "secret-env": line 2 of input "secret-env" is not accepted \(not shown: the input is secret\)/);
    expect(r.log).toContain(`::add-mask::${DB_URL}`);
    for (const text of [visible(r), r.summary]) for (const s of SECRETS) expect(text).not.toContain(s);
  });

  it('credentials in caddy-admin-url are masked, never printed', async () => {
    const r = await runAction(
      { app: APP, router: 'caddy', 'caddy-admin-url': 'http://admin:caddy-Pw55xq@127.0.0.1:9', command: 'status' },
      { cwd: repo, env },
    );
    expect(r.log).toContain('::add-mask::caddy-Pw55xq');
    for (const text of [visible(r), r.summary]) expect(text).not.toContain('caddy-Pw55xq');
  });
});

describe('failed instance logs', () => {
  afterAll(() => cleanupApp('seccrash'));

  it('are shown masked, as many lines as log-lines says; 0 shows none', async () => {
    const repo = appRepo({ kind: 'crash' });
    const secret = { 'secret-env': 'TOKEN=tok-Wq3e4r5t6y' };
    const shown = await runAction({ app: 'seccrash', ...secret, 'log-lines': '5' }, { cwd: repo });
    expect(shown.code).not.toBe(0);
    expect(shown.log).toContain('boom: missing DATABASE_URL, token ***');
    expect(shown.summary).toContain('boom: missing DATABASE_URL, token ***');
    expect(shown.summary).toContain('Last log lines of seccrash-');
    for (const text of [visible(shown), shown.summary]) expect(text).not.toContain('tok-Wq3e4r5t6y');

    const none = await runAction({ app: 'seccrash', ...secret, 'log-lines': '0' }, { cwd: repo });
    expect(none.code).not.toBe(0);
    expect(none.log).toContain('log-lines: 0');
    // (The build's output shows the Dockerfile, with "token $TOKEN": the app's own log line is "token ***".)
    for (const text of [none.log, none.summary]) expect(text).not.toContain('boom: missing DATABASE_URL, token ***');
  });
});

/**
 * Claims in the README and docs/ that name a value the code decides, checked against the code: the
 * balancer slot names in the router snippets (the defaults the reader applies), the concurrency group the
 * README's direct-use example shares with the reusable workflows, the lock lease docs/canary.md states,
 * and the Kubernetes Role's Secret rule. (test/e2e/docs-routers.test.ts sets nginx up from the docs and
 * deploys through it.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../../src/config/read.js';
import { LEASE_SEC, RENEW_SEC } from '../../src/platforms/lock.js';

const root = join(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(join(root, f), 'utf8');
const readme = read('README.md');
const routers = read('docs/routers.md');

/** The router config the action builds for app shop in production with only the required router inputs. */
function slot(router: string): Record<string, unknown> {
  const inputs: Record<string, string> = {
    app: 'shop',
    environment: 'production',
    router,
    'nginx-upstream-file': '/etc/nginx/shop-upstream.conf',
    'haproxy-socket': '/run/haproxy/admin.sock',
  };
  return readConfig((n) => inputs[n] ?? '', { mask: () => undefined, warn: () => undefined }).router as unknown as Record<string, unknown>;
}

/** The text of docs/routers.md's section that starts with `## <title>`. */
const section = (title: string) => {
  const start = routers.indexOf(`## ${title}`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = routers.indexOf('\n## ', start + 1);
  return routers.slice(start, end < 0 ? undefined : end);
};

describe('router slot names in the docs are the defaults the action uses (<app>-<environment>)', () => {
  it('nginx: proxy_pass and the placeholder upstream name the upstream the action writes', () => {
    const nginx = section('nginx (`router: nginx`)');
    const name = slot('nginx').upstreamName;
    expect(name).toBe('shop-production');
    expect([...nginx.matchAll(/proxy_pass http:\/\/([\w.-]+);/g)].map((m) => m[1])).toEqual([name]);
    expect([...nginx.matchAll(/^upstream ([\w.-]+) \{/gm)].map((m) => m[1])).toEqual([name]);
  });

  it('HAProxy: the backend of the snippet, the runtime API commands and the README fleet example', () => {
    const haproxy = section('HAProxy (`router: haproxy`)');
    const backend = slot('haproxy').backend as string;
    expect(backend).toBe('shop-production');
    // The slot backend, and the preview backend the action derives from it (<backend>-preview, preview-header).
    const derived = [backend, `${backend}-preview`];
    const backends = [...haproxy.matchAll(/^backend (\S+)/gm)].map((m) => m[1]);
    expect(backends).toContain(backend);
    for (const b of backends) expect(derived).toContain(b);
    for (const m of haproxy.matchAll(/(?:show servers state|set server) ([\w-][\w.-]*)/g)) expect(derived).toContain(m[1]!.split('/')[0]);
    expect([...readme.matchAll(/# backend ([\w.-]+):/g)].map((m) => m[1])).toEqual([backend]);
  });

  it('Caddy: the @id of the handler and the admin API paths', () => {
    const caddy = section('Caddy (`router: caddy`)');
    const id = slot('caddy').upstreamId as string;
    // The handler's @id, and the ids the action derives from it (<id>-preview, <id>-maintenance).
    const derived = [id, `${id}-preview`, `${id}-maintenance`, "<caddy-upstream-id>-preview", "<caddy-upstream-id>-maintenance"];
    const ids = [...caddy.matchAll(/"@id": "([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toContain(id);
    for (const x of ids) expect(derived).toContain(x);
    for (const m of caddy.matchAll(/\/id\/([\w.-]+)/g)) expect(derived).toContain(m[1]);
  });

  it('no description or doc says a slot defaults to the app name', () => {
    const action = parse(read('action.yml')).inputs;
    for (const name of ['haproxy-backend', 'nginx-upstream-name', 'caddy-upstream-id'])
      expect(action[name].description, name).toContain('`<app>-<environment>`');
    for (const doc of ['README.md', 'docs/routers.md', '.github/workflows/deploy.yml'])
      expect(read(doc), doc).not.toMatch(/(haproxy-backend|nginx-upstream-name|caddy-upstream-id)[^\n]*default: the app\b/i);
  });
});

it('the README\'s direct-use example shares the reusable workflows\' concurrency group', () => {
  const group = parse(read('.github/workflows/deploy.yml')).jobs.deploy.concurrency.group as string;
  const expected = group.replace('${{ inputs.app }}', 'shop').replace('${{ inputs.environment }}', 'production');
  expect(expected).toBe('immutable-deploy-shop-production');
  const groups = [...readme.matchAll(/group: ([\w.${} -]+?)[,\n}]/g)].map((m) => m[1]!.trim());
  expect(groups.length).toBeGreaterThan(0);
  expect(new Set(groups)).toEqual(new Set([expected]));
});

it('docs/canary.md states the lock lease the code uses', () => {
  const canary = read('docs/canary.md');
  expect(canary).toContain(`its lease\n  is a fixed ${LEASE_SEC} s, renewed every ${RENEW_SEC} s`);
  expect(canary).not.toMatch(/lease covers the judged windows/);
});

it('docs/kubernetes.md\'s Role lets a version\'s Secret be deleted whether or not secret-env is used', () => {
  const kube = read('docs/kubernetes.md');
  const role = parse(/```yaml\n(apiVersion: rbac[\s\S]*?)```/.exec(kube)![1]!);
  const secrets = role.rules.find((r: { resources: string[] }) => r.resources.includes('secrets'));
  expect(secrets.verbs).toContain('delete');
  expect(kube).not.toMatch(/Not needed without secret-env/);
  // What the code does: retiring a pool deletes its Secret unconditionally.
  expect(read('src/platforms/kubernetes/launch.ts')).toMatch(/await cluster\.remove\(KINDS\.deployment, deployment\);\n\s+await cluster\.remove\(KINDS\.secret,/);
});

it('the README\'s first screen shows the two quick-start commands and the demo modes, and it says how to pin', () => {
  const firstScreen = readme.split('\n').slice(0, 12).join('\n');
  expect(firstScreen).toMatch(/^bash examples\/demo\/run\.sh +#/m);
  expect(firstScreen).toMatch(/^bash scripts\/test\.sh +#/m);
  // Each demo mode named there is one run.sh offers (its --help, which installs and starts nothing).
  const modes = [...firstScreen.matchAll(/^bash examples\/demo\/run\.sh (\S+)/gm)].map((m) => m[1]!);
  expect(modes).toEqual(['canary', 'fleet']);
  const help = spawnSync('bash', ['examples/demo/run.sh', '--help'], { encoding: 'utf8', cwd: root });
  expect(help.status).toBe(0);
  for (const mode of modes) expect(help.stdout).toMatch(new RegExp(`^  ${mode} `, 'm'));
  const pin = readme.slice(readme.indexOf('### Pin a version'), readme.indexOf('### Commands'));
  expect(pin).toMatch(/@v1`/);
  expect(pin).toMatch(/@v\d+\.\d+\.\d+`/);
  expect(pin).toMatch(/full 40-character commit SHA/);
});

it('CHANGELOG.md keeps an Unreleased section first and dated X.Y.Z sections (what scripts/release.mjs reads)', () => {
  const changelog = read('CHANGELOG.md');
  const headings = [...changelog.matchAll(/^## (.*)$/gm)].map((m) => m[1]!);
  expect(headings[0]).toBe('[Unreleased]');
  for (const h of headings.slice(1)) expect(h).toMatch(/^\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/);
  // The previous round's upgrade notes.
  expect(changelog).toContain('`<app>-<environment>`');
  expect(changelog).toContain('`<app>.<environment>.lock`');
  expect(changelog).toMatch(/rollback\.yml` takes 6 inputs/);
});

/**
 * The README's command table on Kubernetes says what the code on this commit does. While Kubernetes has its
 * own release (src/platforms/kubernetes/release.ts: a rollback only to a kept Deployment, a status that reads
 * and probes nothing) the table says so; once Kubernetes runs the shared release, those two notes must go
 * (rewrite them to what it does then).
 */
it('the README command table tells what rollback and status do on Kubernetes, for the code of this commit', () => {
  const ownRelease = existsSync(join(root, 'src/platforms/kubernetes/release.ts'));
  const row = (cmd: string) => readme.split('\n').find((l) => l.startsWith(`| \`${cmd}\` |`))!;
  expect(row('rollback').includes('On `runtime: kubernetes` only a kept (warm, verified) Deployment'), 'README rollback row').toBe(ownRelease);
  expect(row('status').includes('On `runtime: kubernetes` it reads the cluster') && row('status').includes('probes nothing'), 'README status row').toBe(ownRelease);
});

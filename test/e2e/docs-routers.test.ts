/**
 * An nginx set up exactly as docs/routers.md shows (its two nginx snippets, read from the file) passes
 * `nginx -t` at the first flip and serves the deployed version: the bundled action, a real nginx.
 * The snippets' app `shop` becomes this test's app and their paths and port become the test's own;
 * nothing else is changed. A second nginx set up as the docs said before (an upstream named after the
 * app alone) shows what the check catches: the first flip's `nginx -t` fails, after build and verify.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp } from '../helpers/docker.js';
import { freePort, get, startProcess, tempDir, waitHttp, type Managed } from '../helpers/servers.js';

const APP = 'docsngx';

/** The ```nginx blocks of docs/routers.md's "nginx (`router: nginx`)" section, in order. */
function docSnippets(): string[] {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'routers.md'), 'utf8');
  const start = doc.indexOf('## nginx (`router: nginx`)');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

interface DocNginx {
  url: string;
  inputs: Record<string, string>;
  proc: Managed;
}

/** Starts nginx from the docs' http{} snippet and upstream placeholder (with `shop` as `app`). */
async function nginxAsDocumented(serverBlock: string, placeholder: string): Promise<DocNginx> {
  const dir = await tempDir('docs-nginx');
  const port = await freePort();
  const upstreamFile = join(dir, `${APP}-upstream.conf`);
  await mkdir(join(dir, 'temp'));
  const http = serverBlock
    .replace(/\bshop\b/g, APP)
    .replace(`/etc/nginx/${APP}-upstream.conf`, upstreamFile)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  expect(http).toContain(`include ${upstreamFile};`);
  await writeFile(upstreamFile, placeholder.replace(/\bshop\b/g, APP));
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    [
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} notice;`,
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'events { worker_connections 64; }',
      'http {',
      '    access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${join(dir, 'temp', t)};`),
      http,
      '}',
      '',
    ].join('\n'),
  );
  const base = ['nginx', '-p', dir, '-c', conf];
  const proc = startProcess([...base, '-g', 'daemon off;'], { signal: 'SIGTERM' });
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(url, proc, 'nginx');
  return {
    url,
    proc,
    inputs: {
      app: APP,
      router: 'nginx',
      'nginx-upstream-file': upstreamFile,
      'nginx-test-command': [...base, '-t'].join(' '),
      'nginx-reload-command': [...base, '-s', 'reload'].join(' '),
      'nginx-pid-file': join(dir, 'nginx.pid'),
      'drain-seconds': '0',
      'stop-timeout': '1',
    },
  };
}

describe('docs/routers.md nginx set-up', () => {
  const started: Managed[] = [];
  afterAll(async () => {
    for (const p of started) await p.stop();
    cleanupApp(APP);
  });

  it('passes nginx -t at the first flip and serves the deployed version', async () => {
    cleanupApp(APP);
    const [serverBlock, placeholder] = docSnippets();
    expect(serverBlock).toBeDefined();
    expect(placeholder).toMatch(/^upstream \S+ \{ server 127\.0\.0\.1:1 down; \}/);
    const lb = await nginxAsDocumented(serverBlock!, placeholder!);
    started.push(lb.proc);
    expect((await get(lb.url)).status).toBe(502);
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const r = await runAction(lb.inputs, { cwd: repo });
    expect(r.code, r.log).toBe(0);
    expect(await get(lb.url)).toEqual({ status: 200, body: 'v1\n' });
  });

  it('set up as the docs said before (upstream named after the app alone), the first flip fails nginx -t', async () => {
    cleanupApp(APP);
    const [serverBlock, placeholder] = docSnippets().map((s) => s.replace(/\bshop-production\b/g, 'shop'));
    const lb = await nginxAsDocumented(serverBlock!, placeholder!);
    started.push(lb.proc);
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const r = await runAction(lb.inputs, { cwd: repo });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/host not found in upstream "docsngx"/);
    expect((await get(lb.url)).status).toBe(502);
  });
});

#!/usr/bin/env node
/**
 * Sticky users (issue 20 §2), measured on the real balancers, without the action in the way: CLIENTS clients, each
 * known by its own cookie value (`Cookie: user=c<n>`), send REQUESTS requests at each canary step; between steps
 * the new version's share is raised the way the action raises it (HAProxy: the router's server weights through the
 * runtime API; nginx: the njs routes file with `"sticky": {"kind": "cookie", "name": "user"}`). Two servers per
 * version. Printed per balancer and step:
 * - clients whose requests within the step did not all reach one version (must be 0);
 * - the share of clients on the new version (the step's share is of requests; with a hash it is of clients);
 * - of the clients on the new version at the previous step, how many are on the stable one now (moved back);
 * - clients that moved from the stable version to the new one.
 * HAProxy: `balance hash req.cook(user)` + `hash-type consistent` (docs/canary.md). nginx: the shipped script.
 * usage: node bench/sticky.mjs     env: CLIENTS (default 1000), REQUESTS (per client and step, default 3),
 * STEPS (default "5,10,25,50,75,90")
 */
import http from 'node:http';
import net from 'node:net';
import { writeFileSync } from 'node:fs';
import { fmt, printMachine, table } from './lib.mjs';

const servers = await import('../test/helpers/servers.ts');
const { bestWeights } = await import('../src/routers/haproxy/weights.ts');

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const REQUESTS = Number(process.env.REQUESTS ?? 3);
const STEPS = (process.env.STEPS ?? '5,10,25,50,75,90').split(',').map(Number);
const CONCURRENCY = 16;

function runtime(socket, command) {
  return new Promise((resolve, reject) => {
    const c = net.createConnection(socket);
    let out = '';
    c.on('connect', () => c.write(`${command}\n`));
    c.on('data', (d) => (out += d));
    c.on('end', () => resolve(out));
    c.on('error', reject);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function get(url, cookie) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(body.trim()));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Every client's versions at this step ('s' stable, 'n' new: the first letter of the server's text). */
async function step(url) {
  const seen = Array.from({ length: CLIENTS }, () => new Set());
  const jobs = [];
  for (let r = 0; r < REQUESTS; r++) for (let c = 0; c < CLIENTS; c++) jobs.push(c);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const c = jobs[next++];
        seen[c].add((await get(url, `user=c${c}`))[0]);
      }
    }),
  );
  return seen;
}

async function measure(name, url, apply) {
  const rows = [];
  let before;
  for (const share of STEPS) {
    await apply(share);
    const seen = await step(url);
    const split = seen.filter((s) => s.size > 1).length;
    const onNew = seen.map((s) => s.size === 1 && s.has('n'));
    const onNewShare = (100 * onNew.filter(Boolean).length) / CLIENTS;
    let back = '–';
    let forward = '–';
    if (before) {
      const wasNew = before.filter(Boolean).length;
      const movedBack = before.filter((n, c) => n && !onNew[c]).length;
      back = `${movedBack} of ${wasNew} (${fmt((100 * movedBack) / Math.max(wasNew, 1), 2)}%)`;
      forward = String(before.filter((n, c) => !n && onNew[c]).length);
    }
    rows.push([name, `${share}%`, String(split), fmt(onNewShare, 1), back, forward]);
    before = onNew;
  }
  return rows;
}

const backends = await Promise.all(['s1', 's2', 'n1', 'n2'].map((t) => servers.startBackend(`${t}\n`)));
const [s1, s2, n1, n2] = backends;
const haproxy = await servers.startHaproxy({
  backend: 'sticky',
  server: 'app',
  slots: 4,
  backendExtra: ['balance hash req.cook(user)', 'hash-type consistent'],
});
const nginx = await servers.startNginx({ njs: true, upstreamName: 'sticky' });
const rows = [];
try {
  const slots = [s1, s2, n1, n2];
  const cmds = slots.map((b, i) => `set server sticky/app${i + 1} addr 127.0.0.1 port ${b.port}; set server sticky/app${i + 1} state ready`);
  await runtime(haproxy.socket, cmds.join('; '));
  rows.push(
    ...(await measure('HAProxy (hash-type consistent)', haproxy.url, async (share) => {
      const { weights } = bestWeights([
        { size: 2, share: 100 - share },
        { size: 2, share },
      ]);
      const set = slots.map((_, i) => `set weight sticky/app${i + 1} ${weights[i < 2 ? 0 : 1]}`);
      await runtime(haproxy.socket, set.join('; '));
    })),
  );
  rows.push(
    ...(await measure('nginx (njs)', nginx.url, async (share) => {
      const pools = [
        { version: 'stable', weight: 100 - share, servers: [s1, s2].map((b) => `127.0.0.1:${b.port}`) },
        { version: 'new', weight: share, servers: [n1, n2].map((b) => `127.0.0.1:${b.port}`) },
      ];
      writeFileSync(nginx.routesFile, JSON.stringify({ pools, sticky: { kind: 'cookie', name: 'user' } }));
    })),
  );
} finally {
  agent.destroy();
  await Promise.all([haproxy.stop(), nginx.stop(), ...backends.map((b) => b.stop())]);
}

printMachine();
console.log(`\n${CLIENTS} clients (cookie user=c<n>), ${REQUESTS} requests each per step, 2 servers per version.\n`);
console.log(
  table(['balancer', 'step (share)', 'clients split within the step', 'clients on new %', 'on new before, on stable now', 'stable → new'], rows),
);

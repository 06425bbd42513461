// Rebuilds dist/ with @vercel/ncc.
//
// @actions/core imports its OIDC client (and through it @actions/http-client and undici,
// ~1 MB) at the top level, though we never ask for an OIDC token. Neither package declares
// itself free of side effects, so webpack keeps them. We mark them so in node_modules before
// bundling; webpack then drops the unused modules, and the bundle shrinks from ~1 MB to well
// under 100 KB, which halves the action's cold start. The GitHub API client is loaded lazily
// (a separate chunk) and only when a token is given.
//
// @kubernetes/client-node's index re-exports every generated API class (~9 MB of code, one module
// per API group, all of them side-effect free). Marked the same way, only what src/kubernetes/ uses
// (KubeConfig, the generic KubernetesObjectApi, the model serializer) stays: a ~2 MB chunk, loaded
// only with runtime: kubernetes.
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

for (const pkg of ['@actions/core', '@actions/http-client', '@kubernetes/client-node']) {
  const file = join('node_modules', pkg, 'package.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (json.sideEffects !== false) {
    json.sideEffects = false;
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  }
}
// docker-modem (the Engine API transport, src/docker/transport.ts) loads two things at start-up that the
// action must not have:
// - its own ssh transport, and with it ssh2 (700 KB, ~40 ms to load): it opens a new ssh connection per
//   request, so ssh:// goes through src/docker/ssh.ts instead (one connection, its own lazy chunk);
// - `debug`, which prints every response body when DEBUG names it: a container inspect carries the
//   container's environment, secret values included.
// Both are cut out of docker-modem before bundling; a docker-modem whose text differs fails the bundle.
const modemFile = join('node_modules', 'docker-modem', 'lib', 'modem.js');
const patches = [
  ["ssh = require('./ssh'),", "ssh = function () { throw new Error('docker-modem ssh transport is not bundled: see src/docker/ssh.ts'); },"],
  ["debug = require('debug')('modem'),", 'debug = function () {},'],
];
let modem = readFileSync(modemFile, 'utf8');
for (const [from, to] of patches) {
  if (modem.includes(to)) continue;
  if (!modem.includes(from)) {
    console.error(`scripts/bundle.mjs: ${modemFile} no longer contains ${JSON.stringify(from)}: review the patch for the new docker-modem.`);
    process.exit(1);
  }
  modem = modem.replace(from, to);
}
writeFileSync(modemFile, modem);

// Build beside dist/ and swap only on success, so a failed build never leaves dist/ half-written.
rmSync('dist.new', { recursive: true, force: true });
const r = spawnSync(
  process.execPath,
  [join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'), 'build', 'src/index.ts', '-o', 'dist.new', '--license', 'licenses.txt', '--target', 'es2022', '--quiet'],
  { stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);
rmSync('dist', { recursive: true, force: true });
renameSync('dist.new', 'dist');

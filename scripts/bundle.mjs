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
// (KubeConfig, the generic KubernetesObjectApi, the model serializer, undici) stays: a ~3.5 MB chunk, loaded
// only with runtime: kubernetes.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distProblems } from './dist-guard.mjs';

for (const pkg of ['@actions/core', '@actions/http-client', '@kubernetes/client-node']) {
  const file = join('node_modules', pkg, 'package.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (json.sideEffects !== false) {
    json.sideEffects = false;
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  }
}
// docker-modem (the Engine API transport, src/drivers/docker/transport.ts) loads things at start-up that the
// action must not have or does not need:
// - its own ssh transport, and with it ssh2 (700 KB, ~40 ms to load): it opens a new ssh connection per
//   request, so ssh:// goes through src/drivers/docker/ssh.ts instead (one connection, its own lazy chunk);
// - `debug`, which prints every response body when DEBUG names it: a container inspect carries the
//   container's environment, secret values included;
// - the argument of one of those debug calls, evaluated on every request though nothing prints it:
//   util.inspect of the request options with `showHidden` and no depth limit (the agent and its sockets
//   included): 16 ms of CPU in a warm rollback of ~160 ms, measured with --cpu-prof;
// - readable-stream (a copy of Node's streams, ~100 KB to compile at every start) for its one Duplex:
//   Node's own stream module has the same Duplex.
// All are cut out of docker-modem before bundling; a docker-modem whose text differs fails the bundle.
const modemLib = join('node_modules', 'docker-modem', 'lib');
// ssh2's Pageant agent (PuTTY's agent on Windows) runs util/pagent.exe, a Windows program, which ncc would
// copy into dist/ as an asset: the action runs on Linux runners (and reaches the agent through
// SSH_AUTH_SOCK), so the path is cut out and nothing is copied; a Pageant agent would fail to start.
const patches = {
  [join('node_modules', 'ssh2', 'lib', 'agent.js')]: [
    ["const EXEPATH = resolve(__dirname, '..', 'util/pagent.exe');", "const EXEPATH = 'pagent.exe (Windows only, not bundled: scripts/bundle.mjs)';"],
  ],
  [join(modemLib, 'modem.js')]: [
    ["ssh = require('./ssh'),", "ssh = function () { throw new Error('docker-modem ssh transport is not bundled: see src/drivers/docker/ssh.ts'); },"],
    ["debug = require('debug')('modem'),", 'debug = function () {},'],
    ["debug('Sending: %s', util.inspect(options, {\n    showHidden: true,\n    depth: null\n  }));", '/* request options not inspected: scripts/bundle.mjs */'],
  ],
  // @actions/core imports node:crypto (the whole module: ciphers, keys, x509...) for one call, the delimiter of a
  // `name<<delimiter` output or state line. Loading it is ~8 ms of CPU, about 5% of a warm rollback, in a run that
  // needs no other crypto (src/support/ids.ts). The toolkit refuses a name or value that contains the delimiter,
  // so the delimiter must be unlikely to occur in a value, not unpredictable: Math.random's 128 bits do that.
  [join('node_modules', '@actions', 'core', 'lib', 'file-command.js')]: [
    [
      // The original import, or this patch's earlier form (the Web Crypto global) in a node_modules patched by it.
      ["import * as crypto from 'crypto';", "/* node:crypto loaded on use: scripts/bundle.mjs */ const crypto = { randomUUID: () => globalThis.crypto.randomUUID() };"],
      "/* no node:crypto: scripts/bundle.mjs */ const crypto = { randomUUID: () => Array.from({ length: 4 }, () => Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, '0')).join('-') };",
    ],
  ],
  [join(modemLib, 'http_duplex.js')]: [["stream = require('readable-stream');", "stream = require('stream'); // not readable-stream: scripts/bundle.mjs"]],
  // Its redirect wrapper requires `https` (and with it `tls` and Node's crypto, ~10 ms of CPU) when it loads, for
  // every engine; only a tcp:// engine with TLS uses it. Loaded on first use instead: the wrapper reaches the
  // module only through property reads (its prototype), which the Proxy forwards.
  [join(modemLib, 'http.js')]: [
    ["var nativeHttps = require('https'),", "var nativeHttps = new Proxy({}, { get: function (_, key) { return require('https')[key]; } }), // https loaded on use: scripts/bundle.mjs"],
  ],
};
for (const [file, edits] of Object.entries(patches)) {
  const before = readFileSync(file, 'utf8');
  let text = before;
  for (const [froms, to] of edits) {
    if (text.includes(to)) continue;
    const from = [froms].flat().find((f) => text.includes(f));
    if (from === undefined) {
      console.error(`scripts/bundle.mjs: ${file} no longer contains ${JSON.stringify([froms].flat()[0])}: review the patch for the new version of that package.`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  // Written only when patched now: scripts/test.sh runs the typecheck and lint beside a bundle that finds them patched.
  if (text !== before) writeFileSync(file, text);
}
// `--prepare`: only the edits to node_modules above (scripts/test.sh, before it runs the bundle beside other checks).
if (process.argv.includes('--prepare')) process.exit(0);

// Build beside dist/ and swap only on success, so a failed build never leaves dist/ half-written.
rmSync('dist.new', { recursive: true, force: true });
const r = spawnSync(
  process.execPath,
  [join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'), 'build', 'src/index.ts', '-o', 'dist.new', '--license', 'licenses.txt', '--target', 'es2022', '--quiet'],
  { stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);

// The command line (package.json "bin": `npx immutable-deploy status ...`): the same bundle as the action, marked
// as the CLI before it loads (src/index.ts), so both run one copy of the code.
writeFileSync(
  join('dist.new', 'cli.js'),
  `#!/usr/bin/env node
// immutable-deploy's command line (src/cli/): the action's own bundle, run as a command. Written by scripts/bundle.mjs.
if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(\`immutable-deploy needs Node 22 or newer (this is \${process.version}).\`);
  process.exit(2);
}
globalThis[Symbol.for('immutable-deploy.cli')] = true;
await import('./index.js');
`,
);
chmodSync(join('dist.new', 'cli.js'), 0o755);
// The post step (action.yml `post:`): the same bundle, marked as the post step before it loads (src/index.ts).
writeFileSync(
  join('dist.new', 'post.js'),
  `// immutable-deploy's post step (action.yml \`post:\`, src/action/post.ts): the action's own bundle. Written by scripts/bundle.mjs.
globalThis[Symbol.for('immutable-deploy.post')] = true;
await import('./index.js');
`,
);

// dist/ ships only what runs on the runner (scripts/dist-guard.mjs): no asset such as ssh2's pagent.exe.
const problems = distProblems('dist.new');
if (problems.length) {
  for (const p of problems) console.error(`scripts/bundle.mjs: ${p}`);
  process.exit(1);
}
rmSync('dist', { recursive: true, force: true });
renameSync('dist.new', 'dist');

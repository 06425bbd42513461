#!/usr/bin/env node
/**
 * Bundle size and cold start of `node dist/index.js`.
 *
 * 1. Bytes of dist/*.js (index.js and the lazily loaded chunks), total and index.js alone.
 *    Target: at most 700 KB.
 * 2. hyperfine, same node binary as the action runtime (node24):
 *    - `node -e 0`                                         (the floor)
 *    - `node dist/index.js` with no inputs                 (load the bundle, fail on the missing "app" input:
 *                                                           pure start-up, no docker call)
 *    - `node dist/index.js` INPUT_COMMAND=status           (an app with nothing deployed, router none:
 *                                                           start-up plus the docker CLI calls status makes)
 *    - `docker ps` once                                    (what one docker CLI call costs here, for reading the above)
 *    Target: within 1.5x of `node -e 0`.
 * 3. hyperfine: `node dist/index.js` INPUT_COMMAND=build of an unchanged context (a git repo with a
 *    Dockerfile; every layer cached) vs the same `docker build` alone (classic builder, DOCKER_BUILDKIT=0,
 *    as the action runs it when `docker buildx` is missing, which is the case on this machine).
 *
 * usage: node bench/cold-start.mjs        env: RUNS (hyperfine runs per command, default 20), JSON_OUT
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { appRepo, cleanupApp, DIST, fmt, NODE, printMachine, ROOT, table, tempDir, writeJson } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 20);
const APP = 'bench-cold';

// ---------- bundle size ----------
const distDir = join(ROOT, 'dist');
const files = readdirSync(distDir).filter((f) => f.endsWith('.js'));
const sizes = files.map((f) => ({ file: `dist/${f}`, bytes: statSync(join(distDir, f)).size, gzip: gzipSync(readFileSync(join(distDir, f))).length }));
const total = sizes.reduce((a, s) => a + s.bytes, 0);
const totalGzip = sizes.reduce((a, s) => a + s.gzip, 0);
const indexBytes = statSync(DIST).size;

// ---------- hyperfine ----------
function runnerEnv(inputs) {
  const dir = tempDir('runner');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  for (const f of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE']) {
    env[f] = join(dir, f.toLowerCase());
    writeFileSync(env[f], '');
  }
  writeFileSync(join(dir, 'event.json'), '{}');
  Object.assign(env, { GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_EVENT_NAME: 'push', GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir });
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

/** Runs hyperfine (no shell) over named commands, all with the same env; returns seconds per command. */
function hyperfine(commands, { env = process.env, cwd = ROOT, warmup = 2, runs = RUNS, ignoreFailure = false } = {}) {
  const out = join(tempDir('hyperfine'), 'out.json');
  const argv = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', out, '--style', 'basic'];
  if (ignoreFailure) argv.push('-i');
  for (const [name, cmd] of commands) argv.push('-n', name, cmd);
  const r = spawnSync('hyperfine', argv, { env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`hyperfine failed:\n${r.stdout}\n${r.stderr}`);
  process.stdout.write(r.stdout.replace(/\n+$/, '') + '\n');
  return JSON.parse(readFileSync(out, 'utf8')).results.map((x) => ({
    name: x.command,
    mean: x.mean * 1000,
    stddev: x.stddev * 1000,
    median: x.median * 1000,
    min: x.min * 1000,
    max: x.max * 1000,
    exitCodes: [...new Set(x.exit_codes)],
  }));
}

const m = printMachine();
console.log('\nBundle (target: at most 700 KB):');
console.log(table(['file', 'bytes', 'gzip'], [...sizes.map((s) => [s.file, s.bytes, s.gzip]), ['**total .js**', total, totalGzip]]));
console.log(`index.js ${indexBytes} bytes (${fmt(indexBytes / 1024, 1)} KiB); all .js ${total} bytes (${fmt(total / 1024, 1)} KiB): ${total <= 700_000 ? 'within' : 'OVER'} 700 KB`);

// Start-up: status of an app with nothing deployed (router none).
cleanupApp(APP);
const statusEnv = runnerEnv({ command: 'status', app: APP, environment: 'bench' });
const noInputsEnv = runnerEnv({});
console.log('\nCold start:');
const start = [
  ...hyperfine([[`node -e 0`, `${NODE} -e 0`]]),
  ...hyperfine([[`node dist/index.js (no inputs: fails on "app")`, `${NODE} ${DIST}`]], { env: noInputsEnv, ignoreFailure: true }),
  ...hyperfine([[`node dist/index.js status (nothing deployed)`, `${NODE} ${DIST}`]], { env: statusEnv }),
  ...hyperfine([[`docker ps (one docker CLI call)`, `docker ps -q --filter label=dev.immutable-deploy.app=${APP}`]]),
];
const floor = start[0].mean;

// Build of an unchanged context vs docker build alone.
const repo = appRepo('cold');
const buildEnv = runnerEnv({ command: 'build', app: APP, environment: 'bench' });
const prime = spawnSync(NODE, [DIST], { env: buildEnv, cwd: repo, encoding: 'utf8' });
if (prime.status !== 0) throw new Error(`priming build failed:\n${prime.stdout}\n${prime.stderr}`);
const plainEnv = { ...process.env, DOCKER_BUILDKIT: '0' };
console.log('\nBuild of an unchanged context (all layers cached):');
const builds = [
  ...hyperfine([[`node dist/index.js build`, `${NODE} ${DIST}`]], { env: buildEnv, cwd: repo, runs: Math.min(RUNS, 10) }),
  ...hyperfine([[`docker build (DOCKER_BUILDKIT=0)`, `docker build -q -t ${APP}:manual ${repo}`]], { env: plainEnv, cwd: repo, runs: Math.min(RUNS, 10) }),
];
cleanupApp(APP);
rmSync(repo, { recursive: true, force: true });

const rows = [...start, ...builds].map((r, i) => [
  r.name,
  `${fmt(r.mean, 1)} ± ${fmt(r.stddev, 1)} ms`,
  `${fmt(r.median, 1)} ms`,
  `${fmt(r.min, 1)} – ${fmt(r.max, 1)} ms`,
  i < start.length ? `${fmt(r.mean / floor, 2)}x` : `${fmt(r.mean / builds[1].mean, 2)}x`,
]);
console.log('\n' + table(['command', 'mean ± σ', 'median', 'min – max', 'ratio'], rows));
console.log(`(ratio: start-up rows against \`node -e 0\`, build rows against \`docker build\` alone)`);
const loadRatio = start[1].mean / floor;
const statusRatio = start[2].mean / floor;
console.log(
  `\nbundle load: ${fmt(loadRatio, 2)}x node -e 0 (${loadRatio <= 1.5 ? 'within' : 'OVER'} 1.5x); ` +
    `status: ${fmt(statusRatio, 2)}x (${statusRatio <= 1.5 ? 'within' : 'OVER'} 1.5x); ` +
    `build overhead over docker build: ${fmt(builds[0].mean - builds[1].mean, 0)} ms`,
);
writeJson({ machine: m, sizes, total, totalGzip, indexBytes, start, builds });

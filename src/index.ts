/**
 * The bundle's entry (dist/index.js, for both `main` and `post` in action.yml). It only turns on Node's
 * compile cache, then loads the action: everything else is a chunk loaded after it, so its compiled code
 * comes from the cache from the second run on a machine (a self-hosted runner, the host a rollback
 * runs on during an incident): ~20 ms less CPU per run idle, several times that on busy cores
 * (docs/benchmarks.md). The cache lives in the runner user's own cache directory, never in a shared
 * /tmp another user could write to; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CLI = Symbol.for('immutable-deploy.cli');

// Node 22.1 and newer (the action runs on 24). The cache is an optimisation: any failure is ignored.
try {
  enableCompileCache(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'immutable-deploy', 'node-compile-cache'));
} catch {
  // not available here: run without it
}
// dist/cli.js (the command line, written by scripts/bundle.mjs) marks itself and imports this same bundle.
if ((globalThis as { [CLI]?: boolean })[CLI]) {
  const { cli } = await import('./cli/main.js');
  process.exitCode = await cli(process.argv.slice(2));
} else {
  const { start } = await import('./action/start.js');
  await start();
}

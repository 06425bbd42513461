/**
 * The bundle's entry (dist/index.js, action.yml's `main`; dist/post.js and dist/cli.js mark themselves and
 * import it, so the post step and the command line run this same bundle). It only turns on Node's
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
const POST = Symbol.for('immutable-deploy.post');

// Node 22.1 and newer (the action runs on 24). The cache is an optimisation: any failure is ignored.
try {
  enableCompileCache(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'immutable-deploy', 'node-compile-cache'));
} catch {
  // not available here: run without it
}
// dist/cli.js (the command line) and dist/post.js (action.yml's `post`), written by scripts/bundle.mjs, mark
// themselves and import this same bundle. The post step is told by its entry, not by step state the main step
// would write at start: that write was the only thing a run's start did that loads Node's crypto (the
// toolkit's random delimiter for GITHUB_STATE), ~10 ms of CPU (docs/benchmarks.md, start-up).
const marks = globalThis as { [CLI]?: boolean; [POST]?: boolean };
if (marks[CLI]) {
  const { cli } = await import('./cli/main.js');
  process.exitCode = await cli(process.argv.slice(2));
} else if (marks[POST]) {
  const { post } = await import('./action/post.js');
  await post();
} else {
  const { run } = await import('./action/main.js');
  await run();
}

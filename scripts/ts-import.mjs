// Lets a script import the TypeScript sources as they are: Node 24 strips the types, and this hook
// resolves the sources' `./x.js` specifiers to `./x.ts` (tsc's NodeNext convention). On an older Node,
// run the calling script again under the Node 24 from devDependencies (the action's own runtime).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const NODE24 = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));

/** Call first in a script that imports .ts: re-runs the script under Node 24 when needed. */
export function ensureTypeStripping() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return;
  if (!existsSync(NODE24)) throw new Error(`This script needs Node 24 (type stripping); run npm ci to get ${NODE24}`);
  const r = spawnSync(NODE24, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

ensureTypeStripping();
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (e) {
      if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(`${specifier.slice(0, -3)}.ts`, context);
      throw e;
    }
  },
});

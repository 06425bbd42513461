#!/usr/bin/env node
// immutable-deploy's command line (src/cli/): the action's own bundle, run as a command. Written by scripts/bundle.mjs.
if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(`immutable-deploy needs Node 22 or newer (this is ${process.version}).`);
  process.exit(2);
}
globalThis[Symbol.for('immutable-deploy.cli')] = true;
await import('./index.js');

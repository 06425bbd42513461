// immutable-deploy's post step (action.yml `post:`, src/action/post.ts): the action's own bundle. Written by scripts/bundle.mjs.
globalThis[Symbol.for('immutable-deploy.post')] = true;
await import('./index.js');

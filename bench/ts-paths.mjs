/**
 * The test helpers the bench scripts reuse (test/helpers/*.ts) and the sources they import name each other as
 * ./x.js, TypeScript's convention, which vitest maps to ./x.ts. Node 24 strips the types of a .ts file but
 * resolves the names as written, so this resolve hook maps a missing relative ./x.js to ./x.ts. Import this
 * module before a script's first dynamic import of a helper (bench/lib.mjs does).
 */
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(s, c, next) {
  try { return await next(s, c); } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND' && s.startsWith('.') && s.endsWith('.js')) return next(s.slice(0, -3) + '.ts', c);
    throw e;
  }
}`),
);

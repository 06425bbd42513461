/**
 * ssh2's Poly1305 (an Emscripten build) reads `__dirname` when it loads, which an ES module bundle does
 * not have; it only uses it to name files it never reads (its WebAssembly is inlined). Imported by
 * src/drivers/ssh/connection.ts before ssh2, so it runs first.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const g = globalThis as { __dirname?: string };
g.__dirname ??= dirname(fileURLToPath(import.meta.url));

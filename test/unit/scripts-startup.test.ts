/**
 * The action's start-up loads no Node built-in it does not need before a command runs: the network, crypto
 * and process modules load when a command uses them (process.getBuiltinModule or a dynamic import), so a
 * static import of one in a module the input rules reach shows up here. The figure itself (start-up against
 * `node -e 0`) is bench/startup.mjs's, not a test's. stdout and stderr go to a file: a pipe would load net
 * for the stdio stream itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const index = join(import.meta.dirname, '..', '..', 'dist', 'index.js');
const LAZY = ['net', 'tls', 'crypto', 'child_process', 'http', 'https', 'dns', 'zlib', 'worker_threads'];

it(`a run that stops at its inputs loads none of ${LAZY.join(', ')}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'startup-'));
  try {
    const out = openSync(join(dir, 'out'), 'w');
    // No INPUT_* variables: the run stops at the first required input, after the whole start-up.
    const r = spawnSync(process.execPath, ['--import', 'data:text/javascript,process.on("exit",()=>console.error("MODS "+JSON.stringify(process.moduleLoadList)))', index], {
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    const text = readFileSync(join(dir, 'out'), 'utf8');
    expect(r.status, text).toBe(1);
    expect(text).toContain('Input "app"');
    const loaded = (JSON.parse(/MODS (.*)/.exec(text)![1]!) as string[]).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
    expect(loaded).toContain('fs');
    expect(loaded.filter((m) => LAZY.includes(m))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** CommandRouter with real bash commands that keep the "balancer" in a file. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { allTo } from '../../src/routers/types.js';
import { CommandRouter } from '../../src/routers/command/index.js';
import { realDeps } from '../helpers/router-deps.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'router-command-'));
});

// A tiny "balancer": flip writes host:port to a file, read prints it.
const script = (file: string) =>
  `if [ "$ROUTER_ACTION" = read ]; then echo "reading" >&2; cat ${file} 2>/dev/null || true; else echo "$TARGET_HOST:$TARGET_PORT" > ${file}; echo "$VERSION $TARGET_URL" > ${file}.info; echo "flipped to $TARGET_HOST:$TARGET_PORT"; fi`;

describe('command router', () => {
  it('passes the target in env vars, and reads host:port from the last line', async () => {
    const file = join(dir, 'live');
    const deps = realDeps();
    const router = new CommandRouter({ kind: 'command', command: script(file) }, deps);
    expect(router.describe()).toMatch(/^router command `if \[/);
    expect(await router.current()).toEqual([]);
    await router.shift(allTo([{ host: '127.0.0.1', port: 49153 }], '1.2.3'));
    expect(await readFile(file, 'utf8')).toBe('127.0.0.1:49153\n');
    expect(await readFile(`${file}.info`, 'utf8')).toBe('1.2.3 http://127.0.0.1:49153\n');
    expect(deps.log.lines).toContain('info: flipped to 127.0.0.1:49153');
    expect(await router.current()).toEqual(allTo([{ host: '127.0.0.1', port: 49153 }]));
  });

  it('never splices data into the command text: a hostile version stays data', async () => {
    const file = join(dir, 'v');
    const router = new CommandRouter({ kind: 'command', command: `printf '%s' "$VERSION" > ${file}` }, realDeps());
    // Absolute paths: were the version ever run as shell text, the files would appear in this test's directory.
    const hostile = `$(touch ${dir}/pwned); \`touch ${dir}/pwned2\`; "quoted"`;
    await router.shift(allTo([{ host: '127.0.0.1', port: 1234 }], hostile));
    expect(await readFile(file, 'utf8')).toBe(hostile);
    expect((await readdir(dir)).sort()).toEqual(['v']);
  });

  it('a failing flip names the exit code, the output and what the command must do', async () => {
    const router = new CommandRouter({ kind: 'command', command: 'echo "lb said no" >&2; exit 7' }, realDeps());
    await expect(router.shift(allTo([{ host: '127.0.0.1', port: 5000 }], 'v9'))).rejects.toThrow(
      /failed with exit code 7 while pointing traffic at 127\.0\.0\.1:5000 \(version v9, ROUTER_ACTION=flip\)\.\nlb said no\n.*\$TARGET_HOST:\$TARGET_PORT/s,
    );
  });

  it('read: output that is not host:port, or a failing read, is a clear error', async () => {
    await expect(new CommandRouter({ kind: 'command', command: 'echo "not an address"' }, realDeps()).current()).rejects.toThrow(
      /"not an address", which is not an address.*print the live host:port as its last line/s,
    );
    await expect(new CommandRouter({ kind: 'command', command: 'exit 2' }, realDeps()).current()).rejects.toThrow(
      /exit code 2 when asked for the current target \(ROUTER_ACTION=read\)/,
    );
    await writeFile(join(dir, 'x'), '');
    expect(await new CommandRouter({ kind: 'command', command: 'echo "[::1]:8080"' }, realDeps()).current()).toEqual(allTo([{ host: '::1', port: 8080 }]));
  });

  it('read does not see TARGET_* from the job environment', async () => {
    process.env['TARGET_HOST'] = '10.0.0.1';
    try {
      const router = new CommandRouter({ kind: 'command', command: 'echo "${TARGET_HOST:-none}:1"' }, realDeps());
      expect(await router.current()).toEqual(allTo([{ host: 'none', port: 1 }]));
    } finally {
      delete process.env['TARGET_HOST'];
    }
  });
});

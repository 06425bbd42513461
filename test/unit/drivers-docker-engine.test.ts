/**
 * src/drivers/docker/engine.ts against a socket that accepts and never answers (a hung engine): every call
 * ends at its timeout, naming the call; the default comes from the test hook only when it is a number.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_TIMEOUT_SEC, callTimeoutSec, Engine, EngineTimeoutError } from '../../src/drivers/docker/engine.js';

describe('engine call timeouts', () => {
  let server: Server;
  let socket: string;
  beforeAll(async () => {
    socket = join(mkdtempSync(join(tmpdir(), 'hung-')), 'docker.sock');
    // Accepts every connection, reads what comes, answers nothing.
    server = createServer((c) => c.resume());
    await new Promise<void>((r) => server.listen(socket, r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a call the engine never answers fails at its timeout, naming the method and path', async () => {
    const e = new Engine({ kind: 'unix', name: `unix://${socket}`, socketPath: socket, cliEnv: {} });
    const failed = await e.json('GET', '/containers/abc/json', { unversioned: true, timeoutSec: 0.3 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failed).toBeInstanceOf(EngineTimeoutError);
    expect((failed as Error).message).toContain(`The Docker engine at unix://${socket} did not answer GET /containers/abc/json within 0.3s: the run stops here.`);
    e.close();
  });

  it('the default is 60 s unless the test hook gives a positive number', () => {
    expect(callTimeoutSec({})).toBe(CALL_TIMEOUT_SEC);
    expect(CALL_TIMEOUT_SEC).toBe(60);
    expect(callTimeoutSec({ IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC: '5' })).toBe(5);
    expect(callTimeoutSec({ IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC: 'x' })).toBe(CALL_TIMEOUT_SEC);
  });
});

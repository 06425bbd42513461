/**
 * src/drivers/ssh/dial.ts: a host's TCP connection opened before ssh2 loads, handed to the ssh connection once,
 * left to ssh2 when it failed, closed at the end of the run when nothing took it. Real sockets on 127.0.0.1.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predial, takeDialed } from '../../src/drivers/ssh/dial.js';
import { closeAllConnections } from '../../src/drivers/ssh/registry.js';

const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

describe('dialing an ssh host before ssh2 loads', () => {
  let server: Server;
  let port: number;
  const accepted: Socket[] = [];
  const home = process.env.HOME;

  beforeAll(async () => {
    // The settings come from this HOME's ~/.ssh/config: an alias whose HostName and Port are the test server.
    process.env.HOME = mkdtempSync(join(tmpdir(), 'dial-home-'));
    server = createServer((s) => {
      accepted.push(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    mkdirSync(join(process.env.HOME, '.ssh'));
    writeFileSync(join(process.env.HOME, '.ssh', 'config'), `Host dial-alias\n  HostName 127.0.0.1\n  Port ${port}\n  User deploy\n`);
  });
  afterAll(async () => {
    process.env.HOME = home;
    for (const s of accepted) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('connects to the host and port the ssh config names and hands the socket over once', async () => {
    const before = accepted.length;
    predial({ host: 'dial-alias', port: undefined, user: undefined });
    predial({ host: 'dial-alias', port: undefined, user: undefined }); // a second engine of the same host: one connection
    await until('the connection', () => accepted.length > before);
    const d = takeDialed({ host: 'dial-alias', port: undefined, user: undefined });
    expect(d?.settings).toMatchObject({ hostname: '127.0.0.1', port, user: 'deploy' });
    expect(d?.source).toBe('config files');
    await until('connected', () => d?.socket?.connecting === false);
    expect(d?.socket?.remotePort).toBe(port);
    expect(d?.phases.marks.map((m) => m.phase)).toEqual(['settings', 'tcp']);
    expect(accepted.length - before).toBe(1);
    expect(takeDialed({ host: 'dial-alias', port: undefined, user: undefined })).toBeUndefined();
    d?.socket?.destroy();
  });

  it('hands over no socket when the connection failed (ssh2 then connects and reports it), the settings still', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const dead = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const socket = predial({ host: '127.0.0.1', port: dead, user: 'x' });
    expect(socket).toBeDefined();
    await until('the refusal', () => socket!.destroyed);
    const d = takeDialed({ host: '127.0.0.1', port: dead, user: 'x' });
    expect(d?.settings).toMatchObject({ hostname: '127.0.0.1', port: dead, user: 'x' });
    expect(d?.socket).toBeUndefined();
  });

  it('closes a connection nothing took at the end of the run', async () => {
    const before = accepted.length;
    predial({ host: 'dial-alias', port: undefined, user: 'other' });
    await until('the connection', () => accepted.length > before);
    const closedOnServer = new Promise<void>((r) => accepted.at(-1)!.once('close', () => r()));
    closeAllConnections();
    await closedOnServer;
    expect(takeDialed({ host: 'dial-alias', port: undefined, user: 'other' })).toBeUndefined();
  });
});

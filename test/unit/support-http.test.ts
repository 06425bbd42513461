/** src/support/http.ts: one request function, with or without a JSON body, against a real server on 127.0.0.1. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFetchError, request } from '../../src/support/http.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('request', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
        if (req.url === '/slow') return; // never answers
        if (req.url === '/moved') return void res.writeHead(302, { location: '/elsewhere' }).end('moved');
        res.writeHead(req.method === 'POST' ? 201 : 200).end(`${req.method} ${req.url}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('without a body: GET (or the method given), no content-type, the answer as it came', async () => {
    const a = await request(`${base}/health`);
    expect(a).toMatchObject({ status: 200, body: 'GET /health' });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', body: '' });
    expect(seen.at(-1)!.headers['content-type']).toBeUndefined();
    expect((await request(`${base}/x`, { method: 'HEAD' })).status).toBe(200);
    expect(seen.at(-1)!.method).toBe('HEAD');
  });

  it('with a JSON body: POST, application/json with its length, the body as JSON', async () => {
    const a = await request(`${base}/hook`, { json: { event: 'started', n: 1 } });
    expect(a).toMatchObject({ status: 201, body: 'POST /hook' });
    const s = seen.at(-1)!;
    expect(s).toMatchObject({ method: 'POST', body: '{"event":"started","n":1}' });
    expect(s.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': '25', 'user-agent': 'immutable-deploy' });
  });

  it('a redirect is an answer, not followed; no answer in time rejects with a timeout', async () => {
    expect(await request(`${base}/moved`)).toMatchObject({ status: 302, body: 'moved' });
    const err = await request(`${base}/slow`, { json: {}, timeoutMs: 200 }).then(() => undefined, (e: unknown) => e);
    expect(describeFetchError(err)).toBe('no answer in time');
  });
});

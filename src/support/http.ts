/**
 * One HTTP request with a time limit, returning what the checks need. Node's http module rather than
 * fetch: the first fetch of a process loads undici (30-150 ms measured here, more under load), and a
 * warm rollback makes exactly one request (the warm instance's health) on its way to the flip.
 * Redirects are not followed (a 3xx is an answer).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
}

export function request(url: string, method = 'GET', timeoutMs = 5000): Promise<HttpAnswer> {
  const started = performance.now();
  // node:https (and tls) loaded only for an https URL: most checks and every probe of an instance are plain HTTP.
  const send = url.startsWith('https:') ? process.getBuiltinModule('node:https').request : httpRequest;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })), timeoutMs);
    const req = send(url, { method, agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: Math.round(performance.now() - started) });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

/** What went wrong, in a word or two: a timeout, a socket error code (ECONNREFUSED), or the message (fetch's errors too). */
export function describeFetchError(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.code ?? e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

/**
 * POST a JSON body with a time limit (connect, send and answer together). Resolves with the status and the
 * first 2 kB of the answer; rejects on network errors and when no answer came in time. Redirects are not followed.
 */
export function postJson(url: string, body: unknown, timeoutMs: number): Promise<HttpAnswer> {
  const started = performance.now();
  const send = url.startsWith('https:') ? process.getBuiltinModule('node:https').request : httpRequest;
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })), timeoutMs);
    const req = send(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': data.length, 'user-agent': 'immutable-deploy' } },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString().slice(0, 2048), ms: Math.round(performance.now() - started) });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(data);
  });
}

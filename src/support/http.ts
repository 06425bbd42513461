/**
 * One HTTP request with a time limit (health, checks, probes; a webhook's JSON body). Node's http module rather than
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

/** What a request sends beyond its URL. */
export interface RequestOptions {
  /** Default GET, or POST with a `json` body. */
  method?: string;
  /** Connect, send and answer together. Default 5 s. */
  timeoutMs?: number;
  /** A body, sent as JSON (content-type application/json). */
  json?: unknown;
}

/**
 * One request with a time limit: resolves with the status and the answer; rejects on network errors and when
 * no answer came in time (a TimeoutError). Redirects are not followed.
 */
export function request(url: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const started = performance.now();
  const data = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
  const method = options.method ?? (data ? 'POST' : 'GET');
  const headers: Record<string, string | number> = { 'user-agent': 'immutable-deploy' };
  if (data) Object.assign(headers, { 'content-type': 'application/json', 'content-length': data.length });
  // node:https (and tls) loaded only for an https URL: most checks and every probe of an instance are plain HTTP.
  const send = url.startsWith('https:') ? process.getBuiltinModule('node:https').request : httpRequest;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })), options.timeoutMs ?? 5000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    const req = send(url, { method, agent: false, headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: Math.round(performance.now() - started) });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(data);
  });
}

/** What went wrong, in a word or two: a timeout, a socket error code (ECONNREFUSED), or the message (fetch's errors too). */
export function describeFetchError(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.code ?? e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

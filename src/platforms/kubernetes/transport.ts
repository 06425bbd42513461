/**
 * Hooks into @kubernetes/client-node's own request pipeline (its Configuration: the HTTP library it sends
 * through, and its middleware), not a client of our own:
 *
 * - traced(): with debug logging, one line per API call (method, path and query, status, time to the
 *   answer's headers and to its body read), like the Docker engine's trace (src/drivers/docker/engine.ts).
 *   Never a body, never a header (the token rides in one).
 * - oneConnection(): the client makes a new undici Agent for every call from the kubeconfig's TLS
 *   settings, so every call opens a new TCP connection and TLS handshake. This middleware gives every
 *   call of the run the first call's Agent instead (keep-alive: one handshake, then the connection is
 *   reused; concurrent calls open more as the Agent needs them). Only for kubeconfigs whose TLS identity
 *   cannot change during the run (no exec plugin or auth provider, which may hand out a new client
 *   certificate): those keep the client's own per-call Agent.
 */
import { Observable, ResponseContext, type HttpLibrary, type ObservableMiddleware, type RequestContext, type ResponseBody } from '@kubernetes/client-node';
import { errorMessage } from '../../support/errors.js';

export type Trace = (line: string) => void;

/** Pure: the trace line of one call. `url` is the request's full URL; only its path and query are shown. */
export function traceLine(server: string, method: string, url: string, status: number | string, ms: number, bodyMs?: number): string {
  let where = url;
  try {
    const u = new URL(url);
    where = `${u.pathname}${u.search}`;
  } catch {
    // not a URL: as given
  }
  return `kube ${server}: ${method} ${where} -> ${status} in ${ms.toFixed(1)} ms${bodyMs === undefined ? '' : ` (body ${bodyMs.toFixed(1)} ms)`}`;
}

/** Pure: the name a trace gives the API server (host:port of its URL). */
export function serverName(server: string): string {
  try {
    return new URL(server).host || server;
  } catch {
    return server;
  }
}

/**
 * The client's HTTP library, each call traced: one line when the answer's body has been read (every answer
 * is read: the client parses it, or reads it for the error), or when the call fails.
 */
export function traced(inner: HttpLibrary, server: string, trace: Trace, clock: () => number = () => performance.now()): HttpLibrary {
  const name = serverName(server);
  return {
    send(req: RequestContext): Observable<ResponseContext> {
      const started = clock();
      const method = String(req.getHttpMethod());
      const url = req.getUrl();
      const answer = inner
        .send(req)
        .toPromise()
        .then(
          (res) => {
            const headersMs = clock() - started;
            let done = false;
            const once = <T>(p: Promise<T>): Promise<T> =>
              p.finally(() => {
                if (done) return;
                done = true;
                trace(traceLine(name, method, url, res.httpStatusCode, headersMs, clock() - started));
              });
            const body: ResponseBody = {
              text: () => once(res.body.text()),
              binary: () => once(res.body.binary()),
              stream: () => res.body.stream(),
            };
            return new ResponseContext(res.httpStatusCode, res.headers, body);
          },
          (err: unknown) => {
            trace(`${traceLine(name, method, url, 'failed', clock() - started)}: ${errorMessage(err)}`);
            throw err;
          },
        );
      return new Observable(answer);
    },
  };
}

/** Every call through the first call's dispatcher (its Agent and keep-alive connections); see above. */
export function oneConnection(): ObservableMiddleware {
  let shared: ReturnType<RequestContext['getDispatcher']>;
  return {
    pre(ctx: RequestContext): Observable<RequestContext> {
      const own = ctx.getDispatcher();
      // No dispatcher of its own (no TLS settings): the client's global one, shared already.
      if (own) ctx.setDispatcher((shared ??= own));
      return new Observable(Promise.resolve(ctx));
    },
    post: (res: ResponseContext) => new Observable(Promise.resolve(res)),
  };
}

/**
 * metrics: prometheus — the user's queries against the Prometheus HTTP API (instant queries,
 * GET /api/v1/query), filled in for the new pool and the window so far. Node's fetch; no client
 * library is needed for one documented endpoint.
 */
import { describeFetchError } from '../support/http.js';
import { fillQuery, singleValue } from './promql.js';

export type { PrometheusQueries } from '../config/types.js';
import type { PrometheusQueries } from '../config/types.js';
import type { MetricsSource, Numbers, OpenWindow, Subject } from './types.js';

export class PrometheusSource implements MetricsSource {
  readonly kind = 'prometheus';
  readonly continuous = true;

  constructor(
    private readonly url: string,
    private readonly queries: PrometheusQueries,
    private readonly now: () => number = Date.now,
  ) {}

  describe(): string {
    return `Prometheus at ${this.url}`;
  }

  open(subject: Subject): Promise<OpenWindow> {
    const start = this.now();
    return Promise.resolve({
      read: async () => {
        const t = this.now();
        const windowSec = (t - start) / 1000;
        const ask = (q: string | undefined) => (q ? this.query(fillQuery(q, subject, windowSec), t) : Promise.resolve(undefined));
        const [errorRate, requests, responseMs] = await Promise.all([ask(this.queries.errorRate), ask(this.queries.requests), ask(this.queries.responseMs)]);
        const numbers: Numbers = {};
        if (errorRate !== undefined) numbers.errorRate = errorRate;
        if (this.queries.requests) numbers.requests = Math.round(requests ?? 0);
        if (numbers.requests !== undefined && errorRate !== undefined) numbers.errors = Math.round((numbers.requests * errorRate) / 100);
        if (responseMs !== undefined) numbers.responseMs = responseMs;
        return { numbers };
      },
    });
  }

  /** One instant query at `timeMs`; its single value, or undefined when there is none (no traffic). */
  async query(query: string, timeMs: number): Promise<number | undefined> {
    const u = new URL('api/v1/query', this.url.endsWith('/') ? this.url : `${this.url}/`);
    u.searchParams.set('query', query);
    u.searchParams.set('time', (timeMs / 1000).toFixed(3));
    let res: Response;
    try {
      res = await fetch(u, { signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      throw new Error(`Could not reach Prometheus at ${this.url} (${describeFetchError(e)}). Check prometheus-url and that the runner can reach it.`, { cause: e });
    }
    const text = await res.text();
    let body: { status?: string; data?: unknown; errorType?: string; error?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`Prometheus at ${this.url} answered HTTP ${res.status} with something that is not its API's JSON: ${text.slice(0, 200)}`);
    }
    if (body.status !== 'success')
      throw new Error(`Prometheus rejected the query \`${query}\`: ${body.errorType ?? `HTTP ${res.status}`}: ${body.error ?? text.slice(0, 200)}`);
    return singleValue(body.data, query);
  }
}

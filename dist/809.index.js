export const id = 809;
export const ids = [809];
export const modules = {

/***/ 8809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PrometheusSource: () => (/* binding */ PrometheusSource)
});

// EXTERNAL MODULE: ./src/support/http.ts
var http = __webpack_require__(8059);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/config/placeholders.ts
var placeholders = __webpack_require__(3782);
;// CONCATENATED MODULE: ./src/analysis/promql.ts
/**
 * Query templates for metrics: prometheus. The user's queries name the new pool with placeholders the
 * action fills in; values are escaped for the place they go (a PromQL string, or a regex in one). Pure.
 */



/** Escape for inside a double-quoted PromQL string. */
function str(s) {
    return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
/** A regex that matches exactly one of `values`, escaped for a PromQL string (`=~"..."` is anchored). */
function alternation(values) {
    return str(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}
function fillQuery(query, s, windowSec) {
    const value = (p) => {
        switch (p) {
            case 'version':
                return str(s.version);
            case 'stable-version':
                return str(s.stableVersion ?? '');
            case 'app':
                return str(s.app);
            case 'environment':
                return str(s.environment);
            case 'backend':
                return str(s.backend ?? '');
            case 'servers':
                return alternation(s.servers);
            case 'targets':
                return alternation(s.targets.map(model/* formatAddress */.M0));
            case 'window':
                return `${Math.max(1, Math.ceil(windowSec))}s`;
        }
    };
    return query.replace(placeholders.RE, (all, name) => (placeholders/* PLACEHOLDERS */.j.includes(name) ? value(name) : all));
}
/**
 * The one number of an instant query's `data`: a scalar, or a vector of exactly one sample.
 * undefined when the vector is empty or the value is NaN (no traffic: no evidence). Throws on more
 * than one series (the query must aggregate, e.g. with sum()).
 */
function singleValue(data, query) {
    const d = data;
    let raw;
    if (d?.resultType === 'scalar')
        raw = d.result?.[1];
    else if (d?.resultType === 'vector') {
        const list = Array.isArray(d.result) ? d.result : [];
        if (list.length === 0)
            return undefined;
        if (list.length > 1)
            throw new Error(`The Prometheus query \`${query}\` returned ${list.length} series; it must return one number (aggregate it, e.g. with sum(...)).`);
        raw = list[0]?.value?.[1];
    }
    else
        throw new Error(`The Prometheus query \`${query}\` returned a ${d?.resultType ?? 'malformed'} result; it must return a scalar or one-sample vector.`);
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
}

;// CONCATENATED MODULE: ./src/analysis/prometheus.ts
/**
 * metrics: prometheus — the user's queries against the Prometheus HTTP API (instant queries,
 * GET /api/v1/query), filled in for the new pool and the window so far. Node's fetch; no client
 * library is needed for one documented endpoint.
 */


class PrometheusSource {
    url;
    queries;
    now;
    kind = 'prometheus';
    continuous = true;
    constructor(url, queries, now = Date.now) {
        this.url = url;
        this.queries = queries;
        this.now = now;
    }
    describe() {
        return `Prometheus at ${this.url}`;
    }
    open(subject) {
        const start = this.now();
        return Promise.resolve({
            read: async () => {
                const t = this.now();
                const windowSec = (t - start) / 1000;
                const ask = (q) => (q ? this.query(fillQuery(q, subject, windowSec), t) : Promise.resolve(undefined));
                const [errorRate, requests, responseMs] = await Promise.all([ask(this.queries.errorRate), ask(this.queries.requests), ask(this.queries.responseMs)]);
                const numbers = {};
                if (errorRate !== undefined)
                    numbers.errorRate = errorRate;
                if (this.queries.requests)
                    numbers.requests = Math.round(requests ?? 0);
                if (numbers.requests !== undefined && errorRate !== undefined)
                    numbers.errors = Math.round((numbers.requests * errorRate) / 100);
                if (responseMs !== undefined)
                    numbers.responseMs = responseMs;
                return { numbers };
            },
        });
    }
    /** One instant query at `timeMs`; its single value, or undefined when there is none (no traffic). */
    async query(query, timeMs) {
        const u = new URL('api/v1/query', this.url.endsWith('/') ? this.url : `${this.url}/`);
        u.searchParams.set('query', query);
        u.searchParams.set('time', (timeMs / 1000).toFixed(3));
        let res;
        try {
            res = await fetch(u, { signal: AbortSignal.timeout(10_000) });
        }
        catch (e) {
            throw new Error(`Could not reach Prometheus at ${this.url} (${(0,http/* describeFetchError */.O)(e)}). Check prometheus-url and that the runner can reach it.`, { cause: e });
        }
        const text = await res.text();
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            throw new Error(`Prometheus at ${this.url} answered HTTP ${res.status} with something that is not its API's JSON: ${text.slice(0, 200)}`);
        }
        if (body.status !== 'success')
            throw new Error(`Prometheus rejected the query \`${query}\`: ${body.errorType ?? `HTTP ${res.status}`}: ${body.error ?? text.slice(0, 200)}`);
        return singleValue(body.data, query);
    }
}


/***/ })

};

export const id = 680;
export const ids = [680];
export const modules = {

/***/ 4680:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PrometheusSource: () => (/* binding */ PrometheusSource)
/* harmony export */ });
/* harmony import */ var _verify_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7277);
/* harmony import */ var _promql_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1731);
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
                const ask = (q) => (q ? this.query((0,_promql_js__WEBPACK_IMPORTED_MODULE_1__/* .fillQuery */ .gv)(q, subject, windowSec), t) : Promise.resolve(undefined));
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
            throw new Error(`Could not reach Prometheus at ${this.url} (${(0,_verify_http_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFetchError */ .O)(e)}). Check prometheus-url and that the runner can reach it.`, { cause: e });
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
        return (0,_promql_js__WEBPACK_IMPORTED_MODULE_1__/* .singleValue */ .u9)(body.data, query);
    }
}


/***/ })

};

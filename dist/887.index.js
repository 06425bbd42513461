export const id = 887;
export const ids = [887];
export const modules = {

/***/ 6887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createDeploymentRecorder: () => (/* binding */ createDeploymentRecorder)
/* harmony export */ });
/* unused harmony exports truncate, deploymentDescription */
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6894);
/**
 * GitHub Deployments: the history of an environment for people (who deployed which version, from
 * which commit, with which result), not the state of the deploy. The state is in the infrastructure.
 *
 * So nothing here may fail a deploy: every GitHub API error becomes a warning that says what could
 * not be recorded and which permission the token needs. The GitHub client (@actions/github) is
 * imported only when a recorder is created, that is only when a token is given.
 *
 * REST shapes: https://docs.github.com/en/rest/deployments/deployments and
 * https://docs.github.com/en/rest/deployments/statuses
 */

/** GitHub rejects longer status descriptions (422); deployments share the limit here for one rule. */
const MAX_DESCRIPTION = 140;
const API_VERSION = { 'x-github-api-version': '2022-11-28' };
/** How many of the environment's latest deployments are looked at for one still marked success. */
const PREVIOUS_SCAN = 30;
const PERMISSION_HINT = 'The token needs the "deployments: write" permission (in the workflow: permissions: deployments: write; ' +
    'for a fine-grained token: Deployments read and write).';
function truncate(text, max = MAX_DESCRIPTION) {
    const t = text.replace(/\s+/g, ' ').trim();
    return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
/** Text of the deployment itself (shown in the environment's history). */
function deploymentDescription(d) {
    const digest = d.digest.replace(/^sha256:/, '').slice(0, 12);
    const from = d.previousVersion ? ` (replacing ${d.previousVersion})` : '';
    const why = d.reason ? ` (${d.reason})` : '';
    return truncate(d.rollback
        ? `Roll back to ${d.version}${d.previousVersion ? ` from ${d.previousVersion}` : ''}${why}`
        : `Deploy ${d.version}${digest ? ` @ ${digest}` : ''}${from}${why}`);
}
async function createDeploymentRecorder(opts) {
    const { log } = opts;
    const warn = (what, err) => {
        const status = err?.status;
        const refused = status === 401 || status === 403 || status === 404;
        log.warning(`GitHub Deployments: could not ${what}${err === undefined ? '' : `: ${describeError(err)}`}. ` +
            'The deploy itself is not affected; only its record on GitHub is incomplete. ' +
            (refused ? PERMISSION_HINT : `(Recording needs the GitHub API at ${opts.apiUrl} and a token with "deployments: write".)`), 'GitHub Deployments');
    };
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(opts.repository);
    if (!m) {
        log.warning(`GitHub Deployments: the repository "${opts.repository}" is not owner/name (GITHUB_REPOSITORY); no deployment is recorded. ` +
            'The deploy itself is not affected.', 'GitHub Deployments');
        return noRecorder;
    }
    const [, owner, repo] = m;
    let api;
    try {
        api = await octokitApi(opts.token, opts.apiUrl || 'https://api.github.com', owner, repo);
    }
    catch (e) {
        warn('load the GitHub API client', e);
        return noRecorder;
    }
    let deployment;
    return {
        async start(d) {
            deployment = undefined;
            const production = d.environment === 'production';
            let id;
            try {
                const res = await api.createDeployment({
                    ref: d.sha,
                    task: d.rollback ? 'deploy:rollback' : 'deploy',
                    environment: d.environment,
                    auto_merge: false,
                    required_contexts: [],
                    payload: { version: d.version, digest: d.digest, previousVersion: d.previousVersion, ...(d.reason ? { reason: d.reason } : {}) },
                    description: deploymentDescription(d),
                    transient_environment: false,
                    production_environment: production,
                });
                // 202 is GitHub's answer when it merged the default branch instead (auto_merge): no deployment.
                if (res.id === undefined) {
                    warn(`create a deployment of ${d.sha.slice(0, 12)} to ${d.environment} (GitHub answered ${res.status} without a deployment)`);
                    return;
                }
                id = res.id;
            }
            catch (e) {
                warn(`create a deployment of ${d.sha.slice(0, 12)} to ${d.environment}`, e);
                return;
            }
            deployment = { id, environment: d.environment, production, ...(d.logUrl ? { logUrl: d.logUrl } : {}) };
            log.info(`GitHub deployment ${id}: ${deploymentDescription(d)} to ${d.environment}`);
            try {
                await api.createStatus(id, {
                    state: 'in_progress',
                    description: truncate(d.rollback ? `Rolling back to ${d.version}` : `Deploying ${d.version}`),
                    ...(d.logUrl ? { log_url: d.logUrl } : {}),
                });
            }
            catch (e) {
                warn(`mark deployment ${id} in_progress`, e);
            }
        },
        id: () => deployment?.id,
        async adopt(id, environment, description, logUrl) {
            deployment = { id, environment, production: environment === 'production', ...(logUrl ? { logUrl } : {}) };
            try {
                await api.createStatus(id, { state: 'in_progress', description: truncate(description), ...(logUrl ? { log_url: logUrl } : {}) });
                log.info(`GitHub deployment ${id}: in_progress (${truncate(description)})`);
            }
            catch (e) {
                warn(`mark deployment ${id} in_progress`, e);
            }
        },
        async finish(state, d) {
            const dep = deployment;
            if (!dep)
                return; // start() failed and said so; nothing to finish.
            try {
                await api.createStatus(dep.id, {
                    state,
                    description: truncate(d.description),
                    ...(dep.logUrl ? { log_url: dep.logUrl } : {}),
                    ...(d.environmentUrl ? { environment_url: d.environmentUrl } : {}),
                    // Success replaces the environment's earlier deployments; a failure replaced nothing.
                    auto_inactive: state === 'success',
                });
                log.info(`GitHub deployment ${dep.id}: ${state}`);
            }
            catch (e) {
                warn(`mark deployment ${dep.id} ${state}`, e);
                return;
            }
            if (state === 'success')
                await inactivatePrevious(dep);
        },
    };
    /**
     * auto_inactive covers "prior non-transient, non-production environment deployments" only
     * (GitHub docs, "Inactive deployments"). The earlier deployments it leaves alone that are still
     * marked success, we mark inactive: the version they deployed is no longer the live one.
     */
    async function inactivatePrevious(dep) {
        let earlier;
        try {
            earlier = (await api.listDeployments(dep.environment)).filter((x) => x.id !== dep.id && x.id < dep.id && (x.production_environment === true || x.transient_environment === true));
        }
        catch (e) {
            warn(`list the earlier deployments of ${dep.environment} to mark the replaced one inactive`, e);
            return;
        }
        for (const x of earlier) {
            try {
                const [latest] = await api.listStatuses(x.id);
                if (latest?.state !== 'success')
                    continue;
                await api.createStatus(x.id, {
                    state: 'inactive',
                    description: truncate(`Replaced by deployment ${dep.id}`),
                });
                log.info(`GitHub deployment ${x.id}: inactive (replaced by ${dep.id})`);
            }
            catch (e) {
                warn(`mark the replaced deployment ${x.id} inactive`, e);
            }
        }
    }
}
const noRecorder = {
    start: () => Promise.resolve(),
    finish: () => Promise.resolve(),
    id: () => undefined,
    adopt: () => Promise.resolve(),
};
/** The four REST calls, through @actions/github's client (src/github/client.ts, loaded here and only here). */
async function octokitApi(token, baseUrl, owner, repo) {
    const { githubClient } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(747), __webpack_require__.e(584)]).then(__webpack_require__.bind(__webpack_require__, 6584));
    const octokit = githubClient(token, baseUrl);
    return {
        async createDeployment(body) {
            const res = await octokit.request('POST /repos/{owner}/{repo}/deployments', { owner, repo, ...body, headers: API_VERSION });
            return { status: res.status, id: 'id' in res.data && typeof res.data.id === 'number' ? res.data.id : undefined };
        },
        async createStatus(id, body) {
            await octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
                owner,
                repo,
                deployment_id: id,
                ...body,
                headers: API_VERSION,
            });
        },
        async listDeployments(environment) {
            const res = await octokit.request('GET /repos/{owner}/{repo}/deployments', {
                owner,
                repo,
                environment,
                per_page: PREVIOUS_SCAN,
                headers: API_VERSION,
            });
            return res.data.map((d) => ({
                id: Number(d.id),
                production_environment: d.production_environment,
                transient_environment: d.transient_environment,
            }));
        },
        async listStatuses(id) {
            // Newest first.
            const res = await octokit.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
                owner,
                repo,
                deployment_id: id,
                per_page: 1,
                headers: API_VERSION,
            });
            return res.data;
        },
    };
}
/** "403 Resource not accessible by integration" from an Octokit RequestError, or the message. Never the token. */
function describeError(err) {
    const e = err;
    const apiMessage = typeof e?.response?.data?.message === 'string' ? e.response.data.message : undefined;
    const message = apiMessage ?? (typeof e?.message === 'string' ? e.message : String(err));
    const cause = err?.cause;
    const detail = cause && typeof cause.message === 'string' && !message.includes(cause.message) ? ` (${cause.message})` : '';
    // Octokit reports a request that got no answer at all (refused, reset) as status 500 without a response.
    const answered = typeof e?.status === 'number' && e.status > 0 && e.response !== undefined;
    return (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(answered ? `${String(e.status)} ${message}` : `${message}${detail}`);
}


/***/ })

};

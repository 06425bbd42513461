export const id = 584;
export const ids = [584];
export const modules = {

/***/ 6584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubClient: () => (/* binding */ githubClient)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8985);
/**
 * The GitHub API client from @actions/github (getOctokit), loaded only when a token is given (a chunk of
 * its own, about 1.1 MB: Octokit with its REST endpoint table, and @actions/http-client with undici).
 * Its HTTP client honours the runner's https_proxy / no_proxy, which Node's own fetch ignores, so
 * Deployment records work on self-hosted runners behind a proxy.
 */

/** An authenticated client for `baseUrl` (GITHUB_API_URL), through the runner's proxy when it has one. */
function githubClient(token, baseUrl) {
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: baseUrl.replace(/\/+$/, ''), userAgent: 'immutable-deploy' });
}


/***/ })

};

export const id = 934;
export const ids = [934];
export const modules = {

/***/ 934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   endpointHost: () => (/* reexport safe */ _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__.GN),
/* harmony export */   hostLineProblem: () => (/* reexport safe */ _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__.CW),
/* harmony export */   localTarget: () => (/* binding */ localTarget),
/* harmony export */   parseHosts: () => (/* reexport safe */ _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__.tB),
/* harmony export */   targetsOf: () => (/* binding */ targetsOf)
/* harmony export */ });
/* harmony import */ var _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6593);

/** The runner's own engine as a target, with instances published on `address`. */
function localTarget(address) {
    return { name: 'local', endpoint: undefined, address };
}
/** The targets of a run: the `hosts`, or the runner's own engine publishing on `upstream-host`. */
function targetsOf(hosts, upstreamHost) {
    if (hosts.length === 0)
        return [localTarget(upstreamHost)];
    return hosts.map((h) => ({ name: h.endpoint, endpoint: h.endpoint, address: h.address }));
}


/***/ })

};

export const id = 116;
export const ids = [116];
export const modules = {

/***/ 5116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createRouter: () => (/* binding */ createRouter)
/* harmony export */ });
async function createRouter(cfg, deps) {
    switch (cfg.kind) {
        case 'none':
            return undefined;
        case 'nginx':
            if (cfg.routesFile)
                return new (await __webpack_require__.e(/* import() */ 972).then(__webpack_require__.bind(__webpack_require__, 8972))).NjsRouter(cfg, deps);
            return new (await __webpack_require__.e(/* import() */ 783).then(__webpack_require__.bind(__webpack_require__, 7783))).NginxRouter(cfg, deps);
        case 'haproxy':
            return new (await __webpack_require__.e(/* import() */ 212).then(__webpack_require__.bind(__webpack_require__, 2212))).HaproxyRouter(cfg, deps);
        case 'caddy':
            return new (await __webpack_require__.e(/* import() */ 13).then(__webpack_require__.bind(__webpack_require__, 2013))).CaddyRouter(cfg, deps);
        case 'command':
            return new (await __webpack_require__.e(/* import() */ 124).then(__webpack_require__.bind(__webpack_require__, 4124))).CommandRouter(cfg, deps);
    }
}


/***/ })

};

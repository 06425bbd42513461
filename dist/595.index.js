export const id = 595;
export const ids = [595];
export const modules = {

/***/ 7595:
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
                return new (await __webpack_require__.e(/* import() */ 502).then(__webpack_require__.bind(__webpack_require__, 9502))).NjsRouter(cfg, deps);
            return new (await __webpack_require__.e(/* import() */ 124).then(__webpack_require__.bind(__webpack_require__, 7124))).NginxRouter(cfg, deps);
        case 'haproxy':
            return new (await __webpack_require__.e(/* import() */ 935).then(__webpack_require__.bind(__webpack_require__, 2935))).HaproxyRouter(cfg, deps);
        case 'caddy':
            return new (await __webpack_require__.e(/* import() */ 93).then(__webpack_require__.bind(__webpack_require__, 4093))).CaddyRouter(cfg, deps);
        case 'command':
            return new (await __webpack_require__.e(/* import() */ 898).then(__webpack_require__.bind(__webpack_require__, 5898))).CommandRouter(cfg, deps);
    }
}


/***/ })

};

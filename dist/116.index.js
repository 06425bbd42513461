export const id = 116;
export const ids = [116];
export const modules = {

/***/ 5116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createRouter: () => (/* binding */ createRouter)
/* harmony export */ });
async function createRouter(cfg, deps, hosts = []) {
    // Hosts with their own balancer (router= on every hosts line): one router over them all.
    if (hosts.length > 0 && hosts.every((h) => h.router !== undefined))
        return createHostsRouter(cfg, hosts, deps);
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
/**
 * One HAProxy per host (hosts lines with router=): a socket path on an ssh:// host is reached through the run's
 * ssh connection to that host (stream-local forwarding, src/drivers/ssh); on a unix:// host (this machine) it is
 * a local path; host:port is reached from the runner.
 */
async function createHostsRouter(cfg, hosts, deps) {
    if (cfg.kind !== 'haproxy')
        throw new Error(`router= on the hosts lines names each host's own HAProxy, and the router is "${cfg.kind}": set router: haproxy (src/config/read.ts refuses this first).`);
    const [{ HaproxyRouter }, { HostsRouter }, { openRemoteSocket }] = await Promise.all([
        __webpack_require__.e(/* import() */ 212).then(__webpack_require__.bind(__webpack_require__, 2212)),
        __webpack_require__.e(/* import() */ 670).then(__webpack_require__.bind(__webpack_require__, 7670)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6158)),
    ]);
    return new HostsRouter(hosts.map((h) => {
        const socket = h.router;
        const connect = socket.startsWith('/') && h.endpoint.startsWith('ssh://') ? () => openRemoteSocket(h.endpoint, socket) : undefined;
        const router = new HaproxyRouter({ ...cfg, socket, stateFile: undefined }, deps, { connect, on: h.endpoint });
        return { name: h.endpoint, address: h.address, router, counters: { socket, connect, on: h.endpoint } };
    }));
}


/***/ })

};

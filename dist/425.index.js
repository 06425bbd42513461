export const id = 425;
export const ids = [425];
export const modules = {

/***/ 3425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openTransport: () => (/* binding */ openTransport)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var docker_modem__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7133);
/* harmony import */ var docker_modem__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(docker_modem__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/**
 * The connection to one engine: a docker-modem instance over a keep-alive agent, so the whole run
 * reuses its connections (unix socket, tcp with or without TLS, or one ssh connection).
 *
 * docker-modem (dockerode's transport) rather than dockerode itself: dockerode loads gRPC and protobuf
 * for BuildKit sessions at start-up (2.3 MB bundled, against docker-modem's few tens of KB), and image
 * builds stay with the CLI anyway. docker-modem's own ssh transport opens a new ssh connection for every
 * request, so ssh:// goes through our agent over one connection (src/docker/ssh.ts, loaded only then).
 */





/** Up to this many connections to one engine at a time (calls made together); idle ones are reused. */
const AGENT = { keepAlive: true, maxSockets: 8, maxFreeSockets: 8 };
const pem = (path, what, endpoint) => {
    if (!path)
        return undefined;
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path);
    }
    catch (err) {
        if (err.code === 'ENOENT' && what !== 'CA')
            return undefined;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .DeployError */ .sH(`Could not read the TLS ${what} file ${path} for the Docker engine ${endpoint}: ${err.message}`, 'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) or the context\'s TLS files.');
    }
};
/**
 * docker-modem fills every option it is not given from DOCKER_HOST and DOCKER_CERT_PATH; the endpoint
 * is already resolved (and may be a fleet target, not DOCKER_HOST), so every option is given here.
 */
function modem(o) {
    return new (docker_modem__WEBPACK_IMPORTED_MODULE_3___default())({ socketPath: undefined, host: undefined, port: undefined, ca: undefined, cert: undefined, key: undefined, version: undefined, ...o });
}
async function openTransport(e) {
    switch (e.kind) {
        case 'unix': {
            const agent = new node_http__WEBPACK_IMPORTED_MODULE_1__.Agent(AGENT);
            const m = modem({ socketPath: e.socketPath, protocol: 'http', agent });
            return { modem: m, streams: m, close: () => agent.destroy() };
        }
        case 'tcp': {
            if (!e.tls) {
                const agent = new node_http__WEBPACK_IMPORTED_MODULE_1__.Agent(AGENT);
                const m = modem({ host: e.host, port: e.port, protocol: 'http', agent });
                return { modem: m, streams: m, close: () => agent.destroy() };
            }
            const ca = e.tls.verify ? pem(e.tls.ca, 'CA', e.name) : pem(e.tls.ca, 'ca', e.name);
            const cert = pem(e.tls.cert, 'certificate', e.name);
            const key = pem(e.tls.key, 'key', e.name);
            const agent = new node_https__WEBPACK_IMPORTED_MODULE_2__.Agent({ ...AGENT, ca, cert, key, rejectUnauthorized: e.tls.verify });
            const m = modem({ host: e.host, port: e.port, protocol: 'https', ca, cert, key, agent });
            return { modem: m, streams: m, close: () => agent.destroy() };
        }
        case 'ssh': {
            const { connectSsh } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(136)]).then(__webpack_require__.bind(__webpack_require__, 136));
            const conn = await connectSsh(e, AGENT);
            // The host and port only name the engine in the request line: the agent's channels carry the bytes.
            return {
                modem: modem({ host: 'docker', port: 80, protocol: 'http', agent: conn.agent }),
                streams: modem({ host: 'docker', port: 80, protocol: 'http', agent: conn.streams }),
                close: () => conn.close(),
            };
        }
    }
}


/***/ })

};

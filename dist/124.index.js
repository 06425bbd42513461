export const id = 124;
export const ids = [124];
export const modules = {

/***/ 4124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CommandRouter: () => (/* binding */ CommandRouter)
});

// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
// EXTERNAL MODULE: ./src/routers/types.ts
var types = __webpack_require__(7707);
;// CONCATENATED MODULE: ./src/routers/command/env.ts

function commandEnv(action, target, info) {
    if (action === 'read' || !target || !info) {
        // Cleared explicitly so values from the job's environment never look like a target.
        return { ROUTER_ACTION: 'read', TARGET_HOST: '', TARGET_PORT: '', TARGET_URL: '', VERSION: '' };
    }
    return {
        ROUTER_ACTION: 'flip',
        TARGET_HOST: target.host,
        TARGET_PORT: String(target.port),
        TARGET_URL: info.url || `http://${(0,types/* formatTarget */.P)(target)}`,
        VERSION: info.version,
    };
}
/** The last non-empty line of a command's stdout (where `read` prints host:port). */
function lastLine(stdout) {
    const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return lines[lines.length - 1] ?? '';
}

// EXTERNAL MODULE: ./src/routers/command/target-text.ts
var target_text = __webpack_require__(6719);
;// CONCATENATED MODULE: ./src/routers/command/index.ts




const TIMEOUT_MS = 5 * 60_000;
class CommandRouter {
    cfg;
    deps;
    kind = 'command';
    constructor(cfg, deps) {
        this.cfg = cfg;
        this.deps = deps;
    }
    describe() {
        const first = this.cfg.command.split('\n')[0] ?? '';
        return `router command \`${first}${this.cfg.command.includes('\n') ? ' …' : ''}\``;
    }
    async current() {
        const res = await this.exec(commandEnv('read'));
        if (res.exitCode !== 0) {
            throw new Error(`The router command failed with exit code ${res.exitCode} when asked for the current target (ROUTER_ACTION=read).\n` +
                `${res.output}\nMake the command print the live host:port as its last line when ROUTER_ACTION=read ` +
                `(print nothing when nothing is live yet) and exit 0.`);
        }
        try {
            return (0,target_text/* parseTargetText */.m)(lastLine(res.stdout), 'The last line the router command printed for ROUTER_ACTION=read');
        }
        catch (e) {
            throw new Error(`${e.message}\nWhen ROUTER_ACTION=read, the router command must print the live host:port as its last line, or nothing.`, { cause: e });
        }
    }
    async flip(target, info) {
        const res = await this.exec(commandEnv('flip', target, info));
        if (res.output.trim())
            this.deps.log.info(res.output.trim());
        if (res.exitCode !== 0) {
            throw new Error(`The router command failed with exit code ${res.exitCode}${res.timedOut ? ' (timed out)' : ''} while pointing traffic at ` +
                `${(0,types/* formatTarget */.P)(target)} (version ${info.version}, ROUTER_ACTION=flip).\n${res.output}\n` +
                `The command must point the balancer at $TARGET_HOST:$TARGET_PORT, exit 0 only once new requests go there, ` +
                `and leave the previous target in place when it fails.`);
        }
    }
    async exec(env) {
        const r = await this.deps.run(['bash', '-c', this.cfg.command], { env, allowFailure: true, timeoutMs: TIMEOUT_MS });
        const output = (0,exec/* lastLines */.w$)([r.stdout.trim(), r.stderr.trim()].filter(Boolean).join('\n'), 30);
        return { ...r, output };
    }
}


/***/ }),

/***/ 6719:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ parseTargetText)
/* harmony export */ });
/**
 * Parse `host:port`, `[ipv6]:port` or `http://host:port/` into a Target.
 * Returns undefined for empty text; throws an Error naming the text when it is not an address.
 */
function parseTargetText(text, what) {
    const s = text.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
    if (s === '')
        return undefined;
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(s);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port < 1 || port > 65535) {
        throw new Error(`${what} is ${JSON.stringify(text.trim())}, which is not an address: expected host:port (such as 127.0.0.1:49153 or [::1]:49153).`);
    }
    return { host: (m[1] ?? m[2]), port };
}


/***/ })

};

export const id = 497;
export const ids = [497];
export const modules = {

/***/ 5855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ FREEZE_ACCEPTS),
/* harmony export */   NS: () => (/* binding */ parseFreezeLine),
/* harmony export */   WO: () => (/* binding */ activeFreeze),
/* harmony export */   lA: () => (/* binding */ describeEnd)
/* harmony export */ });
/* unused harmony exports instantOf, windowAt */
/**
 * Deploy freezes (the `freeze` input): windows in which a deploy or a recycle is refused before anything is
 * built. Pure: parsing and "is this instant inside a window, and when does it end" take the clock as an
 * argument; time zones come from the runtime's Intl (IANA names), so a weekly window follows daylight saving.
 *
 *   2026-12-24T00:00Z/2026-12-27T00:00Z        a date range (ISO 8601 instants with a zone: Z or +hh:mm), end excluded
 *   Fri 16:00 - Mon 08:00 Europe/Berlin        a weekly window in a time zone's wall-clock time, end excluded
 */
const FREEZE_ACCEPTS = 'windows, one per line: a date range such as 2026-12-24T00:00Z/2026-12-27T00:00Z (instants with a zone), ' +
    'or a weekly window with a time zone such as Fri 16:00 - Mon 08:00 Europe/Berlin';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK_MIN = 7 * 24 * 60;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const WEEKLY_RE = /^([A-Za-z]{3,9})\s+(\d{1,2}):(\d{2})\s*-\s*([A-Za-z]{3,9})\s+(\d{1,2}):(\d{2})\s+(\S+)$/;
/** One line of `freeze` -> a window; throws an Error saying what is wrong with it. */
function parseFreezeLine(line) {
    const l = line.trim();
    if (l.includes('/') && !WEEKLY_RE.test(l)) {
        const [a, b, ...rest] = l.split('/').map((s) => s.trim());
        if (rest.length || !a || !b)
            throw new Error('a date range is two instants separated by one "/"');
        for (const x of [a, b])
            if (!INSTANT_RE.test(x))
                throw new Error(`"${x}" is not an instant with a zone such as 2026-12-24T00:00Z or 2026-12-24T00:00+01:00`);
        const from = Date.parse(a);
        const to = Date.parse(b);
        if (Number.isNaN(from) || Number.isNaN(to))
            throw new Error('not a valid date');
        if (to <= from)
            throw new Error('the range ends before it starts');
        return { kind: 'range', line: l, from, to };
    }
    const m = WEEKLY_RE.exec(l);
    if (!m)
        throw new Error('neither a date range (FROM/TO) nor a weekly window (Fri 16:00 - Mon 08:00 Europe/Berlin)');
    const day = (s) => {
        const i = DAYS.indexOf(s.slice(0, 3).toLowerCase());
        if (i < 0)
            throw new Error(`"${s}" is not a day of the week (Mon ... Sun)`);
        return i;
    };
    const minute = (h, mm) => {
        const hh = Number(h);
        const mi = Number(mm);
        if (hh > 24 || mi > 59 || (hh === 24 && mi > 0))
            throw new Error(`${h}:${mm} is not a time of day`);
        return hh * 60 + mi;
    };
    const zone = m[7];
    if (!validZone(zone))
        throw new Error(`"${zone}" is not a time zone the runtime knows (an IANA name such as Europe/Berlin, or UTC)`);
    const start = day(m[1]) * 1440 + minute(m[2], m[3]);
    const end = day(m[4]) * 1440 + minute(m[5], m[6]);
    if (start % WEEK_MIN === end % WEEK_MIN)
        throw new Error('the window starts and ends at the same time');
    return { kind: 'weekly', line: l, start: start % WEEK_MIN, end: end % WEEK_MIN, zone };
}
function validZone(zone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
    }
    catch {
        return false;
    }
}
const formatters = new Map();
function formatter(zone) {
    let f = formatters.get(zone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            weekday: 'short',
        });
        formatters.set(zone, f);
    }
    return f;
}
/** The wall-clock time in `zone` at instant `t`, as the ms of the same fields in UTC, and its weekday (0 = Mon). */
function wallClock(t, zone) {
    const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return { asUtc, weekday: DAYS.indexOf(parts.weekday.toLowerCase()) };
}
/**
 * The first instant whose wall-clock time in `zone` is at or after `local` (wall-clock fields as UTC ms).
 * A wall-clock time that does not exist (the hour skipped when the clocks go forward) maps to the instant
 * the clocks jump; one that exists twice (the hour repeated when they go back) to its first occurrence.
 */
function instantOf(local, zone) {
    const offset = (t) => wallClock(t, zone).asUtc - t;
    // The candidates: the wall-clock time read with the offsets in force a day either side.
    const candidates = [local - offset(local - 86_400_000), local - offset(local + 86_400_000)]
        .filter((t) => wallClock(t, zone).asUtc === local)
        .sort((a, b) => a - b);
    if (candidates.length)
        return candidates[0];
    // Skipped: from the instant read with the later (larger) offset, which is before the jump, minute by minute to it.
    let t = local - offset(local + 86_400_000);
    while (wallClock(t, zone).asUtc < local)
        t += 60_000;
    return t;
}
/** The window `w` holds at instant `now` (ms), and when it ends; undefined when it does not hold. */
function windowAt(w, now) {
    if (w.kind === 'range')
        return now >= w.from && now < w.to ? { window: w, endsAt: w.to } : undefined;
    const { asUtc, weekday } = wallClock(now, w.zone);
    const sinceMidnight = Math.floor((asUtc % 86_400_000) / 60_000);
    const minuteOfWeek = weekday * 1440 + sinceMidnight;
    const inside = w.start < w.end ? minuteOfWeek >= w.start && minuteOfWeek < w.end : minuteOfWeek >= w.start || minuteOfWeek < w.end;
    if (!inside)
        return undefined;
    const ahead = (w.end - minuteOfWeek + WEEK_MIN) % WEEK_MIN;
    // The end's wall-clock time: today's midnight (wall clock) plus the minutes to it, then the instant it is.
    const midnight = asUtc - (asUtc % 86_400_000);
    const endLocal = midnight + (sinceMidnight + ahead) * 60_000;
    return { window: w, endsAt: instantOf(endLocal, w.zone) };
}
/**
 * The window that holds at `now` and ends last, counting windows that join (one ends inside another): the
 * freeze lasts until the last of them ends. undefined when none holds.
 */
function activeFreeze(windows, now) {
    let found;
    for (let at = now, guard = 0; guard < 50; guard++) {
        const hit = windows.map((w) => windowAt(w, at)).filter((x) => !!x).sort((a, b) => b.endsAt - a.endsAt)[0];
        if (!hit)
            break;
        if (!found)
            found = hit;
        else if (hit.endsAt <= found.endsAt)
            break;
        else
            found = { window: found.window, endsAt: hit.endsAt };
        at = found.endsAt;
    }
    return found;
}
/** When a freeze ends, for people: the UTC instant, and the wall-clock time in a weekly window's zone. */
function describeEnd(f) {
    const utc = new Date(f.endsAt).toISOString().replace(/:00\.000Z$/, 'Z');
    if (f.window.kind !== 'weekly')
        return utc;
    const { asUtc, weekday } = wallClock(f.endsAt, f.window.zone);
    const hhmm = new Date(asUtc).toISOString().slice(11, 16);
    const day = DAYS[weekday];
    return `${utc} (${day[0].toUpperCase()}${day.slice(1)} ${hhmm} ${f.window.zone})`;
}


/***/ }),

/***/ 6593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CW: () => (/* binding */ hostLineProblem),
/* harmony export */   GN: () => (/* binding */ endpointHost),
/* harmony export */   tB: () => (/* binding */ parseHosts)
/* harmony export */ });
/* unused harmony export splitHostLine */
/** node:net only when a host line is checked: the action's start-up loads no networking module (docs/benchmarks.md). */
const isIP = (s) => process.getBuiltinModule('node:net').isIP(s);
/** The host part of an ssh:// or tcp:// endpoint (IPv6 without brackets), or undefined for unix://. */
function endpointHost(endpoint) {
    const m = /^(?:ssh|tcp):\/\/(?:[^@/]+@)?(\[[^\]]+\]|[^:/]+)(?::\d+)?\/?$/.exec(endpoint);
    return m ? m[1].replace(/^\[|\]$/g, '') : undefined;
}
/** A hosts line in its parts: the endpoint, the address (when written), the fields (`key=value`). Pure. */
function splitHostLine(line) {
    const [endpoint, ...rest] = line.trim().split(/\s+/);
    const fields = [];
    const plain = [];
    for (const w of rest) {
        const m = /^([a-z][a-z-]*)=(.*)$/.exec(w);
        if (m)
            fields.push([m[1], m[2]]);
        else
            plain.push(w);
    }
    return { endpoint, plain, fields };
}
/** Why a `router=` value of a hosts line with this endpoint is not accepted, or undefined. */
function routerProblem(endpoint, socket) {
    if (socket === '')
        return 'router= needs the socket of the balancer on that host: an absolute path (e.g. router=/run/haproxy/admin.sock) or host:port';
    if (socket.startsWith('/')) {
        if (endpoint.startsWith('tcp://'))
            return `router=${socket} is a socket path on the host, and ${JSON.stringify(endpoint)} has no ssh connection to reach it through: use an ssh:// endpoint, or give router=<host>:<port> (a runtime API the runner reaches over TCP)`;
        return undefined;
    }
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(socket);
    if (!m || Number(m[3]) < 1 || Number(m[3]) > 65535)
        return `router=${socket} is neither an absolute socket path (router=/run/haproxy/admin.sock) nor host:port (router=10.0.0.5:9999)`;
    return undefined;
}
/** Why one `hosts` line is not accepted, or undefined. */
function hostLineProblem(line) {
    const { endpoint, plain, fields } = splitHostLine(line);
    if (plain.length > 1)
        return 'one endpoint, at most one address and router=<socket> per line';
    for (const [key, value] of fields) {
        if (key !== 'router')
            return `${key}= is not a field of a hosts line (the one field is router=<socket>)`;
        const problem = routerProblem(endpoint, value);
        if (problem)
            return problem;
    }
    if (fields.length > 1)
        return 'router= is given twice';
    const address = plain[0];
    if (!/^(ssh|tcp|unix):\/\//.test(endpoint))
        return `the endpoint ${JSON.stringify(endpoint)} is not ssh://, tcp:// or unix://`;
    const host = endpointHost(endpoint);
    if (!endpoint.startsWith('unix://') && host === undefined)
        return `the endpoint ${JSON.stringify(endpoint)} is not <scheme>://[user@]host[:port]`;
    if (endpoint.startsWith('unix://') && endpoint.length <= 'unix://'.length)
        return 'a unix:// endpoint needs a socket path';
    if (address !== undefined) {
        if (isIP(address) === 0)
            return `the address ${JSON.stringify(address)} is not an IP address (the balancer reaches instances by IP)`;
        if (/^(0\.0\.0\.0|[0:]+)$/.test(address))
            return `the address ${address} names no host: give the address the balancer reaches this host on`;
        return undefined;
    }
    if (host === undefined || isIP(host) === 0)
        return `${JSON.stringify(endpoint)} does not name an IP address: add the address the balancer reaches this host on, e.g. "${endpoint} 10.0.0.5"`;
    return undefined;
}
/**
 * Lines already checked by hostLineProblem -> specs; the same endpoint twice is refused, and so is router= on
 * some lines only (a fleet's hosts either each have their balancer or share one).
 */
function parseHosts(lines) {
    const out = [];
    for (const line of lines) {
        const { endpoint, plain, fields } = splitHostLine(line);
        if (out.some((h) => h.endpoint === endpoint))
            throw new Error(`${endpoint} is listed twice`);
        const router = fields.find(([k]) => k === 'router')?.[1];
        out.push({ endpoint, address: plain[0] ?? endpointHost(endpoint), ...(router !== undefined ? { router } : {}) });
    }
    const with_ = out.filter((h) => h.router !== undefined);
    if (with_.length > 0 && with_.length < out.length)
        throw new Error(`router= is given on ${with_.map((h) => h.endpoint).join(', ')} but not on ${out.filter((h) => h.router === undefined).map((h) => h.endpoint).join(', ')}: ` +
            'either every host has its own balancer (router= on every line) or none has (the router inputs name the one balancer)');
    return out;
}


/***/ }),

/***/ 3782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RE: () => (/* binding */ RE),
/* harmony export */   h: () => (/* binding */ unknownPlaceholders),
/* harmony export */   j: () => (/* binding */ PLACEHOLDERS)
/* harmony export */ });
/** The placeholders the user's Prometheus queries may hold (filled in by src/analysis/promql.ts). Pure. */
/** Placeholder -> what it becomes. `servers` and `targets` are regex alternations, for `=~"..."`. */
const PLACEHOLDERS = ['version', 'stable-version', 'app', 'environment', 'backend', 'servers', 'targets', 'window'];
const RE = /\{\{\s*([a-z-]+)\s*\}\}/g;
/** Placeholders in `query` that the action does not know (for input validation). */
function unknownPlaceholders(query) {
    return [...query.matchAll(RE)].map((m) => m[1]).filter((p) => !PLACEHOLDERS.includes(p));
}


/***/ }),

/***/ 2000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R5: () => (/* binding */ readInput),
/* harmony export */   Xg: () => (/* binding */ readConfig)
/* harmony export */ });
/* unused harmony exports maskSecretInput, maskUrlCredentials, toConfig */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(235);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7700);
/* harmony import */ var _support_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1442);
/* harmony import */ var _table_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4394);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5413);
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5856);
/**
 * The ONLY module that reads action inputs. It returns a typed, validated Config; every error names
 * the input, the value (never a secret's) and what is accepted. What each input accepts is the table in
 * ./inputs/table.ts (see there for how to add one); this module applies it in a fixed order:
 *   1. secret inputs are masked, before anything is parsed (a malformed secret line is never printed);
 *   2. every input is parsed by its rule, in table order;
 *   3. inputs required by another input's value, then the cross-input RELATIONS;
 *   4. toConfig() places the values in the typed Config.
 */






const actionsHooks = {
    mask(value) {
        (0,_actions_core__WEBPACK_IMPORTED_MODULE_5__/* .setSecret */ .Pq)(value);
        (0,_support_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .registerSecret */ .cl)(value);
    },
    warn: (m) => (0,_actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e)(m),
};
/**
 * Mask every value of a secret input before it is parsed: for KEY=VALUE lines the part after the first
 * "=", for other lines the whole line. A value too short or common to mask is reported by key (or line
 * number), never by value.
 */
function maskSecretInput(name, kind, raw, hooks) {
    const lines = raw.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (line === '' || (kind === 'key-values' && line.startsWith('#')))
            continue;
        const eq = line.indexOf('=');
        const keyValue = kind === 'key-values' && eq > 0;
        const value = keyValue ? line.slice(eq + 1) : line;
        if (value === '')
            continue;
        if ((0,_support_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .maskable */ .dm)(value)) {
            hooks.mask(value);
            continue;
        }
        const key = line.slice(0, eq).trim();
        const which = kind === 'value' ? 'its value' : keyValue && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${key}'s value` : `line ${i + 1}`;
        hooks.warn(`Input "${name}": ${which} is too short or too common to mask safely (masking it would hide every occurrence ` +
            `in the log), so it is not masked. It still never goes into argv, labels, outputs or the summary. ` +
            `If it is really secret, use a longer value.`);
    }
}
/** The user:password of a URL (as written and percent-decoded), masked before the URL is parsed or printed. */
function maskUrlCredentials(raw, hooks) {
    const userinfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\s]*)@/.exec(raw)?.[1];
    if (!userinfo)
        return;
    const password = userinfo.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : '';
    const decode = (s) => {
        try {
            return decodeURIComponent(s);
        }
        catch {
            return s;
        }
    };
    for (const v of new Set([userinfo, password, decode(password)]))
        if ((0,_support_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .maskable */ .dm)(v))
            hooks.mask(v);
}
function parseInput(name, spec, raw) {
    if (raw === '') {
        if (spec.default !== undefined)
            raw = spec.default;
        else if (spec.fallback !== undefined)
            raw = spec.fallback;
        else if (spec.required)
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, '', `a value (the input is required): ${spec.rule.accepts}`);
        else
            return spec.rule.empty;
    }
    try {
        return spec.rule.parse(raw);
    }
    catch (e) {
        if (!(e instanceof _rules_js__WEBPACK_IMPORTED_MODULE_3__/* .Rejected */ .HE))
            throw e;
        const accepted = e.detail ? `${spec.rule.accepts}: ${e.detail}` : spec.rule.accepts;
        if (spec.secret)
            throw _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz.secret(name, e.line, accepted);
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, e.shown ?? raw, accepted);
    }
}
/** Rules between inputs; each throws InputError naming the input to change. */
const RELATIONS = [
    (v) => {
        for (const key of Object.keys(v.env))
            if (key in v['secret-env'])
                throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('env', key, 'a key that is not also in secret-env');
    },
    (v) => {
        if (v.strategy !== 'canary')
            return;
        // Whether a router can weigh is its own capability, checked before anything starts
        // (src/release/capability.ts); here only the case without a router at all.
        if (v.runtime === 'kubernetes')
            return;
        if (v.router === 'none')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('strategy', 'canary', 'blue-green with router "none": canary steps need a router to shift traffic');
    },
    (v) => {
        if (v.baseline && v.strategy !== 'canary')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('baseline', 'true', 'false with strategy "blue-green": a baseline is compared with the canary in its steps (strategy: canary)');
    },
    (v) => {
        const kind = metricsKind(v);
        if (kind === 'balancer' && v.router !== 'haproxy')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('metrics', 'balancer', `prometheus or command with router "${v.router}": only HAProxy's stats are read by the action`);
        if (kind === 'prometheus') {
            if (!v['prometheus-url'])
                throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('prometheus-url', '', 'a value: metrics "prometheus" needs it');
            if (!v['prometheus-error-rate-query'])
                throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('prometheus-error-rate-query', '', 'a value: metrics "prometheus" needs it');
        }
        if (kind === 'command' && !v['analysis-command'])
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('analysis-command', '', 'a value: metrics "command" needs it');
    },
    (v) => {
        if (v.router === 'nginx' && !v['nginx-routes-file'] && !v['nginx-upstream-file'])
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('nginx-upstream-file', '', 'a value: router "nginx" needs it (or nginx-routes-file, for the njs mode without reloads)');
    },
    (v) => {
        // Hosts with their own balancer (issue 21 §6): each line's router= is the runtime API of an HAProxy on that host.
        const own = v.hosts.filter((h) => h.router !== undefined);
        if (own.length === 0)
            return;
        const lines = own.map((h) => `${h.endpoint} router=${h.router}`).join(', ');
        if (v.runtime === 'kubernetes')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('hosts', lines, 'empty with runtime: kubernetes (the Service routes; a host of its own balancer is for Docker fleets)');
        if (v.router !== 'haproxy')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('router', v.router, `haproxy with router= on the hosts lines (${lines}): a host's own balancer is an HAProxy reached through its runtime API`);
        if (v['haproxy-state-file'])
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('haproxy-state-file', v['haproxy-state-file'], "empty with router= on the hosts lines: the state file is a file on the runner, not on each host (give each host's HAProxy its own server-state-file in its haproxy.cfg)");
        if (v['haproxy-socket'])
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('haproxy-socket', v['haproxy-socket'], 'empty with router= on the hosts lines: each host line names its own balancer');
    },
    (v) => {
        if (v.waves.length === 0)
            return;
        const shown = v.waves.map((w) => ('hosts' in w ? String(w.hosts) : `${w.percent}%`)).join(', ');
        if (v.runtime === 'kubernetes')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('waves', shown, 'empty with runtime: kubernetes (waves release the hosts of a Docker fleet)');
        if (v.hosts.length < 2)
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('waves', shown, 'empty without a fleet: waves release the hosts of `hosts` in groups, and there are fewer than 2');
        if (!v.hosts.every((h) => h.router !== undefined))
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('waves', shown, 'empty unless every hosts line has its own balancer (router=<socket>): a wave flips the balancers of its hosts, and one shared balancer has none per host');
        if (v.strategy === 'canary')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('strategy', 'canary', 'blue-green with waves: waves and canary-steps are not supported together (each wave flips its hosts whole and is judged for wave-bake-seconds); use one or the other');
    },
    (v) => {
        if (v.runtime === 'kubernetes' && v.hosts.length > 0)
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('hosts', v.hosts.map((h) => h.endpoint).join(', '), 'empty with runtime: kubernetes (the cluster places the pods; set replicas)');
    },
    (v) => {
        // Testers first through a balancer: the acceptance command needs the balancer's address (PREVIEW_URL).
        if (!v['preview-header'] || v.runtime === 'kubernetes')
            return;
        if (v.router === 'none')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('preview-header', v['preview-header'], 'empty with router "none": the preview route lives in the balancer (haproxy, nginx with nginx-routes-file, caddy, command)');
        if (!v['preview-url'] && !v['environment-url'])
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('preview-url', '', 'the URL of the balancer (or set environment-url): with preview-header, the acceptance command gets it as PREVIEW_URL, to send requests with the header the way testers do');
    },
    (v) => {
        if (v.runtime === 'kubernetes' && v.router !== 'none')
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('router', v.router, 'none with runtime: kubernetes (the Service selector is the router; put your balancer or Ingress in front of the Service)');
    },
];
function readConfig(get = (n) => (0,_actions_core__WEBPACK_IMPORTED_MODULE_5__/* .getInput */ .V4)(n), hooks = actionsHooks) {
    const names = Object.keys(_table_js__WEBPACK_IMPORTED_MODULE_2__/* .INPUTS */ .mc);
    const table = _table_js__WEBPACK_IMPORTED_MODULE_2__/* .INPUTS */ .mc;
    const raw = Object.fromEntries(names.map((n) => [n, get(n).trim()]));
    for (const n of names) {
        const secret = table[n].secret;
        if (secret)
            maskSecretInput(n, secret, raw[n], hooks);
        if (table[n].credentials === 'url')
            maskUrlCredentials(raw[n], hooks);
    }
    const v = Object.fromEntries(names.map((n) => [n, parseInput(n, table[n], raw[n])]));
    for (const n of names) {
        const when = table[n].requiredWhen;
        // Hosts with their own balancer (router= on every hosts line) need no haproxy-socket: each line names its own.
        const perHost = n === 'haproxy-socket' && v.hosts.some((h) => h.router !== undefined);
        if (when && !perHost && raw[n] === '' && v[when.input] === when.is)
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(n, '', `a value: ${when.input} "${when.is}" needs it`);
    }
    for (const relation of RELATIONS)
        relation(v);
    return { ...toConfig(v), given: _recorded_js__WEBPACK_IMPORTED_MODULE_4__/* .SPEC_INPUTS */ .Mk.filter((n) => raw[n] !== '') };
}
/** Where the numbers come from: the input, else balancer with HAProxy; undefined when nothing is judged. */
function metricsKind(v) {
    // promote judges the steps that are left of a paused canary.
    const judged = v.strategy === 'canary' || v['bake-seconds'] > 0 || v.command === 'promote' || (v.waves.length > 0 && v['wave-bake-seconds'] > 0);
    if (v.metrics)
        return v.metrics;
    if (!judged)
        return undefined;
    if (v.router === 'haproxy')
        return 'balancer';
    throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('metrics', '', `prometheus or command: canary steps and bake-seconds are judged by numbers, and ${v.runtime === 'kubernetes' ? 'the Kubernetes Service (runtime: kubernetes)' : `router "${v.router}"`} has no stats the action reads (only haproxy has)`);
}
function deliveryConfig(v) {
    const kind = metricsKind(v);
    const metrics = kind === 'prometheus'
        ? {
            kind,
            url: v['prometheus-url'],
            queries: {
                errorRate: v['prometheus-error-rate-query'],
                requests: v['prometheus-requests-query'],
                responseMs: v['prometheus-response-ms-query'],
            },
        }
        : kind === 'command'
            ? { kind, command: v['analysis-command'], everyPoll: v['analysis-command-every-poll'] }
            : kind === 'balancer'
                ? { kind }
                : undefined;
    return {
        strategy: v.strategy,
        steps: v.strategy === 'canary' ? v['canary-steps'].steps : [100],
        pauses: v.strategy === 'canary' ? v['canary-steps'].pauses : [],
        pauseTimeoutSec: v['pause-timeout'],
        mode: v['analysis-mode'],
        loadCommand: v['load-command'],
        stepSeconds: v['step-seconds'],
        bakeSeconds: v['bake-seconds'],
        waves: v.waves,
        waveBakeSeconds: v['wave-bake-seconds'],
        // Absolute thresholds still apply when given; without a baseline max-error-rate is 1 when not given.
        thresholds: { maxErrorRate: v['max-error-rate'] ?? (v.baseline ? undefined : 1), maxResponseMs: v['max-response-ms'], minRequests: v['min-requests'] },
        baseline: v.baseline
            ? { maxErrorRateIncrease: v['max-error-rate-increase'], maxResponseIncrease: v['max-response-increase'], confidence: v.confidence }
            : undefined,
        metrics,
        previewHeader: v['preview-header'],
        previewUrl: v['preview-url'] ?? v['environment-url'],
        sticky: v.sticky,
    };
}
/** One input on its own (the post step reads only `logout`), by the same rule. */
function readInput(name, get = (n) => (0,_actions_core__WEBPACK_IMPORTED_MODULE_5__/* .getInput */ .V4)(n)) {
    const spec = _table_js__WEBPACK_IMPORTED_MODULE_2__/* .INPUTS */ .mc[name];
    return parseInput(name, spec, get(name).trim());
}
/** Pure: the parsed input values -> the typed Config (`given`: none; readConfig knows which were given). */
function toConfig(v) {
    return {
        command: v.command,
        app: v.app,
        environment: v.environment,
        image: v.image ?? v.app,
        version: v.version,
        build: {
            builder: v.builder,
            packer: v.builder === 'packer'
                ? { template: v['packer-template'], version: v['packer-version'], downloadUrl: v['packer-download-url'], sha256: v['packer-sha256'] }
                : undefined,
            context: v.context,
            dockerfile: v.dockerfile,
            buildArgs: v['build-args'],
            secrets: v['build-secrets'],
            target: v.target,
            extraLabels: v.labels,
            tagRules: v.tags,
            push: v.push,
        },
        registry: {
            server: v.registry,
            username: v['registry-username'],
            password: v['registry-password'],
            logout: v.logout,
        },
        run: {
            hosts: v.hosts,
            replicas: v.replicas,
            port: v.port,
            upstreamHost: v['upstream-host'],
            portRange: v['port-range'],
            env: v.env,
            secretEnv: v['secret-env'],
            network: v.network,
            memory: v.memory,
            cpus: v.cpus,
            restart: v.restart,
            readOnly: v['read-only'] ?? false,
            // A read-only instance gets a writable /tmp unless told otherwise; tmpfs without read-only mounts what is listed.
            tmpfs: v.tmpfs.length ? v.tmpfs : v['read-only'] ? ['/tmp'] : [],
        },
        verify: {
            healthPath: v['health-path'],
            healthTimeoutSec: v['health-timeout'],
            acceptanceCommand: v['acceptance-command'],
            acceptanceTimeoutSec: v['acceptance-timeout'],
            checks: v.checks,
            keepFailed: v['keep-failed'],
            logLines: v['log-lines'],
        },
        router: routerConfig(v),
        routerInputs: {
            nginxTestCommand: v['nginx-test-command'],
            nginxReloadCommand: v['nginx-reload-command'],
            routerCommand: v['router-command'],
            caddyAdminUrl: v['caddy-admin-url'],
            nginxRoutesFile: v['nginx-routes-file'],
            nginxUpstreamFile: v['nginx-upstream-file'],
            nginxPidFile: v['nginx-pid-file'],
            haproxySocket: v['haproxy-socket'],
            haproxyStateFile: v['haproxy-state-file'],
        },
        runtime: runtimeConfig(v),
        release: {
            keep: v.keep,
            keepImages: v['keep-images'],
            drainSeconds: v['drain-seconds'],
            stopTimeoutSec: v['stop-timeout'],
            lockTimeoutSec: v['lock-timeout'],
        },
        githubToken: v['github-token'],
        environmentUrl: v['environment-url'],
        drift: { writablePaths: v['writable-paths'] },
        policy: { rules: v.policy, mode: v['policy-mode'] },
        delivery: deliveryConfig(v),
        maintenance: { mode: v.maintenance, pageFile: v['maintenance-page'], allow: v['maintenance-allow'] },
        ops: {
            releaseCommand: v['release-command'],
            releaseTimeoutSec: v['release-timeout'],
            irreversible: v.irreversible,
            force: v.force,
            reason: v.reason,
            hooks: { postDeploy: v['post-deploy-command'], onFailure: v['on-failure-command'], onRollback: v['on-rollback-command'] },
            webhooks: v['notify-webhook'],
            freeze: v.freeze,
            freezeOverride: v['freeze-override'],
        },
        given: [],
    };
}
function runtimeConfig(v) {
    if (v.runtime === 'docker')
        return { kind: 'docker' };
    return {
        kind: 'kubernetes',
        kubeconfig: v.kubeconfig,
        namespace: v['kube-namespace'],
        service: v['kube-service'] ?? v.app,
        previewUrl: v['preview-url'],
    };
}
/** What a router owns defaults to `<app>-<environment>`: per app AND environment, like the lock and the instances. */
function routerConfig(v) {
    const slot = `${v.app}-${v.environment}`;
    switch (v.router) {
        case 'none':
            return { kind: 'none' };
        case 'nginx':
            return {
                kind: 'nginx',
                routesFile: v['nginx-routes-file'],
                upstreamFile: v['nginx-upstream-file'] ?? '',
                upstreamName: v['nginx-upstream-name'] ?? slot,
                testCommand: v['nginx-test-command'],
                reloadCommand: v['nginx-reload-command'],
                pidFile: v['nginx-pid-file'],
            };
        case 'haproxy':
            return {
                kind: 'haproxy',
                // '' with router= on the hosts lines: each host names its own socket.
                socket: v['haproxy-socket'] ?? '',
                backend: v['haproxy-backend'] ?? slot,
                server: v['haproxy-server'],
                stateFile: v['haproxy-state-file'],
            };
        case 'caddy':
            return { kind: 'caddy', adminUrl: v['caddy-admin-url'], upstreamId: v['caddy-upstream-id'] ?? slot };
        case 'command':
            return { kind: 'command', command: v['router-command'] };
    }
}


/***/ }),

/***/ 5856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ce: () => (/* binding */ recordedRouter),
/* harmony export */   Mk: () => (/* binding */ SPEC_INPUTS),
/* harmony export */   WQ: () => (/* binding */ specFromConfig),
/* harmony export */   wn: () => (/* binding */ applySpec)
/* harmony export */ });
/* harmony import */ var _core_checks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5950);
/* harmony import */ var _core_run_spec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4880);
/* harmony import */ var _table_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4394);
/**
 * The run specification as the config gives it and takes it back: what of a run's Config is recorded with a
 * version (specFromConfig; never a secret value, never a credential), and a recorded spec under the inputs
 * given explicitly (applySpec: the config a rollback, recycle or status runs with). The inputs a recorded
 * spec stands in for are the input table's `recorded` entries. The spec itself is src/core/run-spec.ts.
 */



/**
 * The inputs a recorded spec stands in for (`recorded: true` in src/config/table.ts). These have no `default:`
 * in action.yml (the runner would pass the default as if it had been given): their defaults are `fallback`s in
 * the table, so the action can tell an input given explicitly (which wins) from one left out (the recorded
 * value is used).
 */
const SPEC_INPUTS = Object.keys(_table_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUTS */ .mc).filter((n) => _table_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUTS */ .mc[n].recorded === true);
/** The run specification of this run's config (the values of secret variables stay out of it). */
function specFromConfig(cfg) {
    const { run, verify, release } = cfg;
    return {
        port: run.port,
        env: { ...run.env },
        secretEnvNames: Object.keys(run.secretEnv).sort(),
        network: run.network,
        memory: run.memory,
        cpus: run.cpus,
        restart: run.restart,
        ...(run.readOnly ? { readOnly: true } : {}),
        ...(run.tmpfs.length ? { tmpfs: run.tmpfs } : {}),
        healthPath: verify.healthPath,
        portRange: run.portRange,
        healthTimeoutSec: verify.healthTimeoutSec,
        checks: verify.checks.map((c) => c.source),
        release: { keep: release.keep, keepImages: release.keepImages, drainSeconds: release.drainSeconds, stopTimeoutSec: release.stopTimeoutSec },
        image: cfg.image,
        registry: cfg.registry.server,
        registryUsername: cfg.registry.username,
        upstreamHost: run.upstreamHost,
        ...recordableRouter(cfg.router),
        // Where it runs: never a credential (a kubeconfig stays a secret the workflow gives again).
        hosts: run.hosts.map((h) => ({ endpoint: h.endpoint, address: h.address, ...(h.router !== undefined ? { router: h.router } : {}) })),
        replicas: run.replicas,
        runtime: cfg.runtime.kind === 'kubernetes'
            ? { kind: 'kubernetes', namespace: cfg.runtime.namespace, service: cfg.runtime.service }
            : { kind: cfg.runtime.kind },
    };
}
/**
 * The router config as it may be recorded: a credential in a URL is left out, and the input that carried it
 * is named in `credentialInputs` (a rollback must be given it again, like the secret env keys).
 */
function recordableRouter(router) {
    if (router.kind !== 'caddy')
        return { router };
    const adminUrl = (0,_core_run_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutUserinfo */ .Q3)(router.adminUrl);
    return adminUrl === router.adminUrl ? { router } : { router: { ...router, adminUrl }, credentialInputs: ['caddy-admin-url'] };
}
/**
 * The recorded spec with the explicitly given inputs on top: the config a rollback (or status) runs with,
 * the router aside (this run's; see recordedRouter).
 */
function applySpec(cfg, spec) {
    const given = new Set(cfg.given);
    const pick = (input, mine, recorded) => (given.has(input) || recorded === undefined ? mine : recorded);
    const release = spec.release;
    return {
        ...cfg,
        image: pick('image', cfg.image, spec.image),
        registry: {
            ...cfg.registry,
            server: pick('registry', cfg.registry.server, spec.registry),
            username: pick('registry-username', cfg.registry.username, spec.registryUsername),
        },
        run: {
            ...cfg.run,
            port: pick('port', cfg.run.port, spec.port),
            upstreamHost: pick('upstream-host', cfg.run.upstreamHost, spec.upstreamHost),
            portRange: pick('port-range', cfg.run.portRange, spec.portRange),
            env: pick('env', cfg.run.env, spec.env),
            // `network`, `memory`, `cpus`: a recorded "none" is undefined, so the version's own value wins unless given.
            network: given.has('network') ? cfg.run.network : spec.network,
            memory: given.has('memory') ? cfg.run.memory : spec.memory,
            cpus: given.has('cpus') ? cfg.run.cpus : spec.cpus,
            restart: pick('restart', cfg.run.restart, spec.restart),
            readOnly: given.has('read-only') ? cfg.run.readOnly : (spec.readOnly ?? cfg.run.readOnly),
            tmpfs: given.has('tmpfs') ? cfg.run.tmpfs : (spec.tmpfs ?? cfg.run.tmpfs),
            // Where the version ran: its fleet and replicas, so that rollback and recycle need no hosts or replicas.
            hosts: given.has('hosts') || !spec.hosts?.length ? cfg.run.hosts : spec.hosts,
            replicas: pick('replicas', cfg.run.replicas, spec.replicas),
        },
        runtime: applyRuntime(cfg, spec, given),
        verify: {
            ...cfg.verify,
            healthPath: pick('health-path', cfg.verify.healthPath, spec.healthPath),
            healthTimeoutSec: pick('health-timeout', cfg.verify.healthTimeoutSec, spec.healthTimeoutSec),
            checks: given.has('checks') || !spec.checks ? cfg.verify.checks : (0,_core_checks_js__WEBPACK_IMPORTED_MODULE_0__/* .parseChecks */ .B2)(spec.checks.join('\n')),
        },
        // The router: recordedRouter() below (a recorded router may need inputs given again).
        release: {
            ...cfg.release,
            keep: pick('keep', cfg.release.keep, release?.keep),
            keepImages: pick('keep-images', cfg.release.keepImages, release?.keepImages),
            drainSeconds: pick('drain-seconds', cfg.release.drainSeconds, release?.drainSeconds),
            stopTimeoutSec: pick('stop-timeout', cfg.release.stopTimeoutSec, release?.stopTimeoutSec),
        },
    };
}
/** The runtime's recorded non-secret settings (namespace, Service) when this run uses the same runtime. */
function applyRuntime(cfg, spec, given) {
    const r = spec.runtime;
    if (cfg.runtime.kind !== 'kubernetes' || r?.kind !== 'kubernetes')
        return cfg.runtime;
    return {
        ...cfg.runtime,
        namespace: given.has('kube-namespace') || !r.namespace ? cfg.runtime.namespace : r.namespace,
        service: given.has('kube-service') || !r.service ? cfg.runtime.service : r.service,
    };
}
/**
 * The router a rollback, recycle or status uses: the workflow's when it gives `router` (its inputs apply as a
 * whole), else the recorded one, with exceptions, because what runs on the runner comes from the workflow, a
 * secret is never recorded, and a record on a remote engine is data someone else may write:
 * - a command (router-command, nginx-test-command, nginx-reload-command) is always the workflow's, given or by
 *   default; a recorded one that differs from it is never run: the input is to be given (`give`);
 * - a setting whose credential was left out of the record (credentialInputs) is the workflow's when given, else
 *   it is to be given;
 * - `from: 'remote'` (the record was read off an engine reached over ssh:// or tcp://, or a cluster): every path
 *   and address on the runner's side (nginx-routes-file, nginx-upstream-file, nginx-pid-file, haproxy-socket,
 *   haproxy-state-file, caddy-admin-url) is the workflow's too, given or by default; a recorded one that differs
 *   is never used: the input is to be given. Only names inside the balancer (the backend, server, upstream and
 *   upstream id) and the router's kind come from such a record.
 * Nothing recorded is run or trusted as code: the recorded commands (and remote paths) are only compared.
 */
function recordedRouter(cfg, spec, from) {
    const given = new Set(cfg.given);
    const recorded = spec.router;
    if (given.has('router') || !recorded)
        return { router: cfg.router, give: [] };
    const w = cfg.routerInputs;
    const give = [];
    const differ = (mine, theirs) => JSON.stringify(mine || null) !== JSON.stringify(theirs || null);
    const command = (input, mine, theirs) => {
        if (!given.has(input) && differ(mine, theirs))
            give.push({ input, why: 'command' });
        return mine;
    };
    /** A path or address on the runner: the record's on the runner's own engine, else the workflow's. */
    const runnerSide = (input, mine, theirs) => {
        if (from === 'runner')
            return theirs;
        if (!given.has(input) && differ(mine, theirs))
            give.push({ input, why: 'remote' });
        return mine;
    };
    switch (recorded.kind) {
        case 'nginx':
            return {
                router: {
                    ...recorded,
                    routesFile: runnerSide('nginx-routes-file', w.nginxRoutesFile, recorded.routesFile),
                    upstreamFile: runnerSide('nginx-upstream-file', w.nginxUpstreamFile ?? '', recorded.upstreamFile),
                    pidFile: runnerSide('nginx-pid-file', w.nginxPidFile, recorded.pidFile),
                    testCommand: command('nginx-test-command', w.nginxTestCommand, recorded.testCommand),
                    reloadCommand: command('nginx-reload-command', w.nginxReloadCommand, recorded.reloadCommand),
                },
                give,
            };
        case 'haproxy':
            return {
                router: {
                    ...recorded,
                    socket: runnerSide('haproxy-socket', w.haproxySocket ?? '', recorded.socket),
                    stateFile: runnerSide('haproxy-state-file', w.haproxyStateFile, recorded.stateFile),
                },
                give,
            };
        case 'command': {
            const mine = command('router-command', w.routerCommand, recorded.command);
            return { router: { kind: 'command', command: mine ?? '' }, give };
        }
        case 'caddy': {
            const withheld = (spec.credentialInputs ?? []).includes('caddy-admin-url');
            if (withheld && !given.has('caddy-admin-url')) {
                give.push({ input: 'caddy-admin-url', why: 'credential' });
                return { router: { ...recorded, adminUrl: (0,_core_run_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutUserinfo */ .Q3)(String(recorded.adminUrl)) }, give };
            }
            const adminUrl = given.has('caddy-admin-url') ? w.caddyAdminUrl : runnerSide('caddy-admin-url', w.caddyAdminUrl, (0,_core_run_spec_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutUserinfo */ .Q3)(String(recorded.adminUrl)));
            return { router: { ...recorded, adminUrl }, give };
        }
        default:
            return { router: recorded, give };
    }
}


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CV: () => (/* binding */ mapped),
/* harmony export */   HE: () => (/* binding */ Rejected),
/* harmony export */   K7: () => (/* binding */ keyValues),
/* harmony export */   Mn: () => (/* binding */ lines),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   T1: () => (/* binding */ pattern),
/* harmony export */   Wh: () => (/* binding */ int),
/* harmony export */   Yq: () => (/* binding */ choice),
/* harmony export */   _: () => (/* binding */ decimal),
/* harmony export */   au: () => (/* binding */ ownedFile),
/* harmony export */   f3: () => (/* binding */ parsedBy),
/* harmony export */   k1: () => (/* binding */ publishAddress),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   q3: () => (/* binding */ httpUrl),
/* harmony export */   vU: () => (/* binding */ argv)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2020);
/**
 * Rules for action inputs: each says what it accepts (for error messages and the README) and turns a
 * trimmed, non-empty input value into a typed value, or throws Rejected. Nothing here reads inputs,
 * masks or logs; only ownedFile looks at the file system. The table (./table.ts) says which input
 * takes which rule.
 */


/** node:net only when an address is checked: the action's start-up loads no networking module (docs/benchmarks.md). */
const isIP = (s) => process.getBuiltinModule('node:net').isIP(s);
/** A value a rule does not accept. `detail` says what is wrong beyond `accepts` (never a secret's value). */
class Rejected extends Error {
    detail;
    /** The 1-based line of a multi-line input that is wrong, so a secret input can say where without what. */
    line;
    /** The part of the value to name in the error (a line, a key); the whole value when undefined. */
    shown;
    constructor(opts = {}) {
        super(opts.detail ?? 'not accepted');
        this.name = 'Rejected';
        this.detail = opts.detail;
        this.line = opts.line;
        this.shown = opts.shown;
    }
}
const text = (accepts = 'any text') => ({ accepts, parse: (v) => v });
function choice(allowed) {
    return {
        accepts: `one of ${allowed.join(', ')}`,
        parse(v) {
            if (!allowed.includes(v))
                throw new Rejected();
            return v;
        },
    };
}
const bool = {
    accepts: 'true or false',
    parse(v) {
        if (/^(true|yes|1)$/i.test(v))
            return true;
        if (/^(false|no|0)$/i.test(v))
            return false;
        throw new Rejected();
    },
};
function int(min, max) {
    return {
        accepts: `a whole number from ${min} to ${max}`,
        parse(v) {
            const n = Number(v);
            if (!/^\d+$/.test(v) || n < min || n > max)
                throw new Rejected();
            return n;
        },
    };
}
function pattern(re, accepts, check) {
    return {
        accepts,
        parse(v) {
            if (!re.test(v))
                throw new Rejected();
            const wrong = check?.(v);
            if (wrong !== undefined)
                throw new Rejected({ detail: wrong });
            return v;
        },
    };
}
/** `KEY=VALUE` lines; `keyRule` may refuse a well-formed key (say why). Values are taken as written. */
function keyValues(keyRe, what, keyRule) {
    return {
        accepts: `one ${what}=VALUE per line`,
        empty: {},
        parse(v) {
            const values = {};
            const lines = v.split('\n');
            for (let i = 0; i < lines.length; i++) {
                const line = lines[i].trim();
                if (line === '' || line.startsWith('#'))
                    continue;
                const eq = line.indexOf('=');
                const key = eq > 0 ? line.slice(0, eq).trim() : '';
                if (!key || !keyRe.test(key))
                    throw new Rejected({ line: i + 1, shown: line });
                const refused = keyRule?.(key);
                if (refused !== undefined)
                    throw new Rejected({ line: i + 1, shown: key, detail: refused });
                values[key] = line.slice(eq + 1);
            }
            return values;
        },
    };
}
/** Non-empty, non-comment lines, each checked by `item` (which returns why a line is wrong, or undefined). */
function lines(accepts, item) {
    return {
        accepts,
        empty: [],
        parse(v) {
            const items = (0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__/* .listItems */ .Dw)(v);
            for (const line of items) {
                const wrong = item?.(line);
                if (wrong !== undefined)
                    throw new Rejected({ shown: line, detail: wrong });
            }
            return items;
        },
    };
}
/** A command line split into words (quotes honoured, no shell). */
const argv = {
    accepts: 'a command line (words, optionally quoted; no shell)',
    parse(v) {
        let words;
        try {
            words = (0,_core_text_js__WEBPACK_IMPORTED_MODULE_1__/* .splitWords */ .yM)(v);
        }
        catch (e) {
            throw new Rejected({ detail: e.message });
        }
        if (words.length === 0)
            throw new Rejected({ detail: 'empty' });
        return words;
    },
};
const httpUrl = pattern(/^https?:\/\/\S+$/, 'an http(s) URL');
/** An IP address that Docker can publish a port on and that names one host (not 0.0.0.0 or ::). */
const publishAddress = {
    accepts: 'an IP address of this host, such as 127.0.0.1 or 10.0.0.5 (not a host name, host:port, 0.0.0.0 or ::)',
    parse(v) {
        const family = isIP(v);
        if (family === 0)
            throw new Rejected();
        const unspecified = family === 4 ? v === '0.0.0.0' : /^[0:]+$/.test(v);
        if (unspecified)
            throw new Rejected({ detail: 'it publishes on every address, so the router would point at an address that names no instance' });
        return v;
    },
};
/** A decimal number from min to max, such as 0.5. */
function decimal(min, max) {
    return {
        accepts: `a number from ${min} to ${max}, such as 0.5`,
        parse(v) {
            const n = Number(v);
            if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max)
                throw new Rejected();
            return n;
        },
    };
}
/** A rule that maps the parsed value (e.g. trims a trailing "/"). */
function mapped(rule, f) {
    return { accepts: rule.accepts, parse: (v) => f(rule.parse(v)) };
}
/** A rule that also runs a parser which throws its own error type; that error's message becomes the detail. */
function parsedBy(accepts, parse, empty) {
    return {
        accepts,
        empty,
        parse(v) {
            try {
                return parse(v);
            }
            catch (e) {
                throw new Rejected({ shown: e.message, detail: undefined });
            }
        },
    };
}
/**
 * A file the action owns and replaces atomically (write beside it, rename over it): absent, or a regular
 * file. A symlink would be replaced by a plain file (the file it points to, which the balancer reads,
 * would never change); a directory or device cannot be replaced that way.
 */
const ownedFile = {
    accepts: 'a path to a regular file (or one to create), not a symlink, directory or device',
    parse(v) {
        let st;
        try {
            st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(v);
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return v;
            throw new Rejected({ detail: e.message });
        }
        if (st.isSymbolicLink())
            throw new Rejected({ detail: 'it is a symlink: point the input at the file itself (the action replaces it by renaming over it)' });
        if (!st.isFile())
            throw new Rejected({ detail: 'it is not a regular file' });
        return v;
    },
};


/***/ }),

/***/ 4394:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mc: () => (/* binding */ INPUTS)
});

// UNUSED EXPORTS: TAG_RE, ownedLabel, parseCanaryPlan, parseCanarySteps, parseDuration

// EXTERNAL MODULE: ./src/core/checks.ts
var checks = __webpack_require__(5950);
// EXTERNAL MODULE: ./src/config/placeholders.ts
var placeholders = __webpack_require__(3782);
;// CONCATENATED MODULE: ./src/config/types.ts
const COMMANDS = ['build', 'deploy', 'rollback', 'status', 'recycle', 'maintenance', 'promote', 'abort'];
const RUNTIME_KINDS = ['docker', 'kubernetes'];
const ROUTER_KINDS = ['none', 'nginx', 'haproxy', 'caddy', 'command'];
const BUILDERS = ['docker', 'packer'];
const STRATEGIES = ['blue-green', 'canary'];
const ANALYSIS_MODES = ['enforce', 'dry-run'];
const METRICS_KINDS = ['balancer', 'prometheus', 'command'];

// EXTERNAL MODULE: ./src/core/labels.ts
var labels = __webpack_require__(6236);
// EXTERNAL MODULE: ./src/config/hosts.ts
var hosts = __webpack_require__(6593);
// EXTERNAL MODULE: ./src/core/waves.ts
var waves = __webpack_require__(1133);
;// CONCATENATED MODULE: ./src/config/policy.ts
/** The `policy` input: its rules (one per line) and mode. Checked against images by src/policy/. */
const POLICY_MODES = ['warn', 'enforce'];
const POLICY_RULES_ACCEPTED = 'one rule per line: non-root, no-secret-env, healthcheck, labels, max-size=<MB>';
class PolicySyntaxError extends Error {
}
/** Parse the `policy` input's lines (comments and blank lines already dropped). */
function parsePolicy(lines) {
    const rules = [];
    for (const source of lines) {
        const [name, value, ...rest] = source.split('=').map((s) => s.trim());
        if (rest.length)
            throw new PolicySyntaxError(source);
        if (name === 'max-size') {
            if (value === undefined || !/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0)
                throw new PolicySyntaxError(source);
            rules.push({ kind: 'max-size', source, maxMB: Number(value) });
        }
        else if ((name === 'non-root' || name === 'no-secret-env' || name === 'healthcheck' || name === 'labels') && value === undefined) {
            rules.push({ kind: name, source });
        }
        else
            throw new PolicySyntaxError(source);
    }
    return rules;
}
/** What the rules look at: the image's config, as `docker image inspect` (or GET /images/{id}/json) gives it. */

// EXTERNAL MODULE: ./src/core/ports.ts
var ports = __webpack_require__(4119);
// EXTERNAL MODULE: ./src/config/tag-rules.ts
var tag_rules = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
// EXTERNAL MODULE: ./src/core/maintenance.ts
var maintenance = __webpack_require__(3960);
// EXTERNAL MODULE: ./src/core/sticky.ts
var sticky = __webpack_require__(3476);
// EXTERNAL MODULE: ./src/config/freeze.ts
var freeze = __webpack_require__(5855);
// EXTERNAL MODULE: ./src/config/rules.ts
var rules = __webpack_require__(5413);
;// CONCATENATED MODULE: ./src/config/table.ts
/**
 * Every action input, as data: its rule (what it accepts, how it parses), its default, whether it is
 * required or secret. The reader (src/config/read.ts), the README inputs table (npm run docs) and the
 * action.yml contract test (test/unit/config-table-contract.test.ts) all read this table.
 *
 * ADDING AN INPUT
 *   1. one entry below: `'my-input': { rule: int(1, 10), default: '3' }` (rules in ./rules.ts;
 *      `default` is the string action.yml declares; `required: true`; `secret: 'value'` for values that are
 *      masked before anything is parsed; `credentials: 'url'` for URLs that may carry user:password; `requiredWhen: { input: 'router', is: 'nginx' }`);
 *   2. the same name in action.yml with its description (and the same default/required);
 *   3. its field in Config (src/config/types.ts), set from `v['my-input']` in toConfig() in src/config/read.ts
 *      (typed: the value has the rule's type, `| undefined` when there is no default);
 *   4. `npm run docs` to regenerate the README table.
 * Cross-input rules (one input's value constrains another's) go in RELATIONS in src/config/read.ts.
 *
 * Pure data and pure rules: no input is read, nothing is masked or logged here.
 */














/** `hosts`: one `<endpoint> [<address>] [router=<socket>]` per line (src/config/hosts.ts), each endpoint once. */
const hostsLines = (0,rules/* lines */.Mn)('one Docker engine per line: <endpoint> [<address>] [router=<socket>], the endpoint ssh://user@host[:port], tcp://host:port or unix:///path, ' +
    'the address an IP the balancer reaches that host on (default: the endpoint host when it is an IP), router= the runtime API socket of the ' +
    "host's own HAProxy (a path on that host, reached through its ssh connection, or host:port; on every line or none)", hosts/* hostLineProblem */.CW);
const hostsRule = {
    accepts: hostsLines.accepts,
    empty: [],
    parse(v) {
        try {
            return (0,hosts/* parseHosts */.tB)(hostsLines.parse(v));
        }
        catch (e) {
            if (e instanceof rules/* Rejected */.HE)
                throw e;
            throw new rules/* Rejected */.HE({ detail: e.message });
        }
    },
};
/** `waves`: host groups released in order (src/core/waves.ts). */
const wavesRule = {
    accepts: 'rising numbers of hosts or shares of them, comma-separated, each the hosts released once that wave is done, such as 1, 50%, 100% (100% is always the last)',
    empty: [],
    parse(v) {
        try {
            return (0,waves/* parseWaves */.aX)(v);
        }
        catch (e) {
            throw new rules/* Rejected */.HE({ detail: e.message });
        }
    },
};
/** `maintenance-allow`: address ranges or header:<Name>, one per line or comma-separated. */
const maintenanceAllowRule = {
    accepts: 'address ranges (10.0.0.0/8, 192.0.2.7, 2001:db8::/32) or header:<Name> (a request carrying that header, any value), one per line or comma-separated',
    empty: { cidrs: [], headers: [] },
    parse(v) {
        const items = (0,core_text/* listItems */.Dw)(v, true);
        for (const item of items) {
            const wrong = (0,maintenance/* allowItemProblem */.Q9)(item);
            if (wrong !== undefined)
                throw new rules/* Rejected */.HE({ shown: item, detail: wrong });
        }
        return (0,maintenance/* parseAllow */.PT)(items);
    },
};
const APP_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,62})$/;
/** A Docker tag: https://docs.docker.com/reference/cli/docker/image/tag/ */
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A repository reference without tag or digest: optional registry host[:port], then lowercase path components. */
const IMAGE_RE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const NAME_RE = /^[A-Za-z0-9_.-]+$/;
const NAME_ACCEPTS = 'letters, digits, ".", "_" and "-"';
/** A DNS-1123 label: the names of Kubernetes namespaces and Services. */
const DNS_LABEL_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_LABEL_ACCEPTS = 'a Kubernetes name: lowercase letters, digits and "-", up to 63, starting and ending with a letter or digit';
/** Labels the action writes itself: a user label may not replace them (they are how versions are found and trusted). */
function ownedLabel(key) {
    return (key.startsWith(`${labels/* LABEL_PREFIX */.Ag}.`) ||
        ['org.opencontainers.image.revision', 'org.opencontainers.image.version', 'org.opencontainers.image.created'].includes(key));
}
const SIZE_RE = /^(\d+(?:\.\d+)?)([bkmg]?)$/i;
/** Docker refuses memory limits under 6 MiB; 0 would mean "no limit", which is an empty input here. */
function memoryTooSmall(v) {
    const [, n, unit] = SIZE_RE.exec(v);
    const bytes = Number(n) * 1024 ** 'bkmg'.indexOf((unit || 'b').toLowerCase());
    return bytes < 6 * 1024 * 1024 ? 'Docker needs at least 6m (leave the input empty for no limit)' : undefined;
}
/** canary-steps: rising percentages below 100, comma- or line-separated; 100 is added as the last step. */
function parseCanarySteps(v) {
    return parseCanaryPlan(v).steps;
}
/**
 * canary-steps with human gates: `5, 25, pause, 50` gives steps [5, 25, 50, 100] and a pause after the
 * second (index 1). A pause follows a step below 100, never another pause, never the first item.
 */
function parseCanaryPlan(v) {
    const items = (0,core_text/* listItems */.Dw)(v, true);
    const steps = [];
    const pauses = [];
    for (const item of items) {
        if (item.toLowerCase() === 'pause') {
            if (steps.length === 0)
                throw new rules/* Rejected */.HE({ shown: item, detail: 'a pause follows a step (the canary has a share while it waits), never comes first' });
            if (pauses.at(-1) === steps.length - 1)
                throw new rules/* Rejected */.HE({ shown: item, detail: 'one pause after a step is enough' });
            if (steps.at(-1) === 100)
                throw new rules/* Rejected */.HE({ shown: item, detail: 'a pause follows a step below 100 (at 100% there is nothing left to promote)' });
            pauses.push(steps.length - 1);
            continue;
        }
        const n = Number(item.replace(/%$/, ''));
        if (!/^\d+%?$/.test(item) || n < 1 || n > 100)
            throw new rules/* Rejected */.HE({ shown: item, detail: 'each step is a whole percentage from 1 to 100' });
        if (steps.length && n <= steps[steps.length - 1])
            throw new rules/* Rejected */.HE({ shown: item, detail: 'the steps must rise' });
        steps.push(n);
    }
    if (steps[steps.length - 1] !== 100)
        steps.push(100);
    return { steps, pauses };
}
const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86_400 };
/** A duration such as 90s, 30m, 24h, 2d or a number of seconds: seconds. */
function parseDuration(v) {
    const m = /^(\d+)\s*([smhd]?)$/i.exec(v.trim());
    if (!m)
        throw new rules/* Rejected */.HE({ detail: 'a whole number with s, m, h or d (seconds when without)' });
    const sec = Number(m[1]) * DURATION_UNITS[(m[2] || 's').toLowerCase()];
    if (sec < 1 || sec > 366 * 86_400)
        throw new rules/* Rejected */.HE({ detail: 'from 1s to 366d' });
    return sec;
}
const promQuery = {
    accepts: `a PromQL query returning one number, with placeholders ${placeholders/* PLACEHOLDERS */.j.map((p) => `{{${p}}}`).join(', ')}`,
    parse(v) {
        const unknown = (0,placeholders/* unknownPlaceholders */.h)(v);
        if (unknown.length)
            throw new rules/* Rejected */.HE({ detail: `unknown placeholder ${unknown.map((p) => `{{${p}}}`).join(', ')}` });
        return v;
    },
};
/** `freeze`: one window per line (src/config/freeze.ts); a wrong line is named with what is wrong with it. */
const freezeRule = {
    accepts: freeze/* FREEZE_ACCEPTS */.E$,
    empty: [],
    parse: (v) => (0,core_text/* listItems */.Dw)(v).map((line) => {
        try {
            return (0,freeze/* parseFreezeLine */.NS)(line);
        }
        catch (e) {
            throw new rules/* Rejected */.HE({ shown: line, detail: e.message });
        }
    }),
};
const INPUTS = {
    command: { rule: (0,rules/* choice */.Yq)(COMMANDS), default: 'deploy' },
    app: {
        rule: (0,rules/* pattern */.T1)(APP_RE, 'lowercase letters, digits and "-" (1 to 63, starting and ending with a letter or digit)'),
        required: true,
    },
    environment: { rule: (0,rules/* pattern */.T1)(ENV_NAME_RE, 'letters, digits, ".", "_" and "-" (up to 63)'), default: 'production' },
    context: {
        rule: (0,rules/* pattern */.T1)(/^[^-]/, 'a directory path that does not start with "-" (write ./-dir for such a directory)'),
        default: '.',
    },
    builder: { rule: (0,rules/* choice */.Yq)(BUILDERS), default: 'docker' },
    dockerfile: { rule: (0,rules/* text */.Qq)('a path') },
    'packer-template': {
        rule: (0,rules/* pattern */.T1)(/^[^-]/, 'a path of a Packer template (.pkr.hcl or .json) in the build context, not starting with "-"'),
        requiredWhen: { input: 'builder', is: 'packer' },
    },
    'packer-version': { rule: (0,rules/* pattern */.T1)(/^\d+\.\d+\.\d+$/, 'a Packer release such as 1.11.2'), default: '1.11.2' },
    'packer-download-url': {
        rule: (0,rules/* pattern */.T1)(/^(https?|file):\/\/\S+$/, 'an http(s) URL of the release zip; {version}, {os} and {arch} are filled in'),
        default: 'https://releases.hashicorp.com/packer/{version}/packer_{version}_{os}_{arch}.zip',
    },
    'packer-sha256': { rule: (0,rules/* mapped */.CV)((0,rules/* pattern */.T1)(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the release zip: 64 hexadecimal digits'), (v) => v.toLowerCase()) },
    target: { rule: (0,rules/* text */.Qq)('a build stage name') },
    image: { recorded: true, rule: (0,rules/* pattern */.T1)(IMAGE_RE, 'an image repository without tag, such as ghcr.io/acme/shop or shop') },
    version: {
        rule: (0,rules/* pattern */.T1)(TAG_RE, 'a Docker tag: letters, digits, "_", "." and "-", up to 128, not starting with "." or "-"'),
    },
    tags: {
        rule: (0,rules/* parsedBy */.f3)('tag rules, one per line (docker/metadata-action syntax: type=sha|ref|semver|raw)', (v) => {
            const rules = (0,core_text/* listItems */.Dw)(v);
            rules.forEach(tag_rules/* parseTagRule */.G9);
            return rules;
        }, []),
    },
    labels: {
        rule: (0,rules/* keyValues */.K7)(LABEL_KEY_RE, 'KEY', (k) => ownedLabel(k)
            ? `a label the action does not write itself (not ${labels/* LABEL_PREFIX */.Ag}.*, org.opencontainers.image.revision, .version or .created)`
            : undefined),
    },
    'build-args': { rule: (0,rules/* keyValues */.K7)(ENV_KEY_RE, 'NAME') },
    'build-secrets': {
        rule: (0,rules/* lines */.Mn)('one per line: id=NAME,env=VARIABLE or id=NAME,src=PATH', (s) => /^id=[A-Za-z0-9_.-]+,(env|src)=[^,]+$/.test(s) ? undefined : 'not id=NAME,env=VARIABLE or id=NAME,src=PATH'),
    },
    push: { rule: rules/* bool */.lc, default: 'false' },
    registry: { recorded: true, rule: (0,rules/* text */.Qq)('a registry host') },
    'registry-username': { recorded: true, rule: (0,rules/* text */.Qq)('a user name') },
    'registry-password': { rule: (0,rules/* text */.Qq)('a password or token'), secret: 'value' },
    logout: { rule: rules/* bool */.lc, default: 'true' },
    port: { recorded: true, rule: (0,rules/* int */.Wh)(1, 65535), fallback: '8080' },
    'upstream-host': { recorded: true, rule: rules/* publishAddress */.k1, fallback: '127.0.0.1' },
    'port-range': { recorded: true,
        rule: (0,rules/* parsedBy */.f3)('a range of host ports FROM-TO (1 to 65535), such as 20000-29999', (v) => {
            const r = (0,ports/* parsePortRange */.mK)(v);
            if (!r)
                throw new Error(v);
            return r;
        }, ports/* DEFAULT_PORT_RANGE */.YW),
        fallback: (0,ports/* formatPortRange */.QM)(ports/* DEFAULT_PORT_RANGE */.YW),
    },
    hosts: { recorded: true, rule: hostsRule },
    // Any variable name: the values go to the engine in the create request, not through the docker CLI's environment.
    env: { recorded: true, rule: (0,rules/* keyValues */.K7)(ENV_KEY_RE, 'KEY') },
    'secret-env': { rule: (0,rules/* keyValues */.K7)(ENV_KEY_RE, 'KEY'), secret: 'key-values' },
    network: { recorded: true,
        rule: (0,rules/* pattern */.T1)(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Docker network name (not host or none)', (v) => v === 'host' || v === 'none'
            ? `network "${v}" gives the instance no published port for the router to point at; use a bridge or user-defined network`
            : undefined),
    },
    memory: { recorded: true, rule: (0,rules/* pattern */.T1)(SIZE_RE, 'a size of at least 6m, such as 512m or 1g', memoryTooSmall) },
    cpus: { recorded: true,
        rule: (0,rules/* pattern */.T1)(/^\d+(\.\d+)?$/, 'a positive number such as 0.5 or 2', (v) => (Number(v) > 0 ? undefined : 'must be above 0')),
    },
    restart: { recorded: true,
        rule: (0,rules/* pattern */.T1)(/^(no|always|unless-stopped|on-failure(:\d{1,3})?)$/, 'no, always, unless-stopped, on-failure or on-failure:N'),
        fallback: 'unless-stopped',
    },
    // No default: the recorded run specification of a version can stand in for an input that is left out.
    'read-only': { recorded: true, rule: rules/* bool */.lc },
    tmpfs: { recorded: true,
        rule: (0,rules/* lines */.Mn)('absolute paths, one per line, optionally with mount options: /tmp or /run:size=16m,mode=1777', (t) => /^\/[A-Za-z0-9._/-]*(:[A-Za-z0-9=,]+)?$/.test(t) ? undefined : 'not an absolute path with optional mount options'),
    },
    'writable-paths': {
        rule: (0,rules/* lines */.Mn)('absolute paths, one per line, such as /var/cache/app', (w) => /^\/[A-Za-z0-9._/-]*$/.test(w) ? undefined : 'not an absolute path'),
    },
    'health-path': { recorded: true, rule: (0,rules/* pattern */.T1)(/^\//, 'a path starting with "/"'), fallback: '/' },
    'health-timeout': { recorded: true, rule: (0,rules/* int */.Wh)(1, 3600), fallback: '60' },
    'acceptance-command': { rule: (0,rules/* text */.Qq)('a shell command') },
    'acceptance-timeout': { rule: (0,rules/* int */.Wh)(1, 6 * 3600), default: '300' },
    checks: { recorded: true, rule: (0,rules/* parsedBy */.f3)('one check per line', checks/* parseChecks */.B2, []) },
    'keep-failed': { rule: rules/* bool */.lc, default: 'false' },
    'log-lines': { rule: (0,rules/* int */.Wh)(0, 10_000), default: '50' },
    router: { recorded: true, rule: (0,rules/* choice */.Yq)(ROUTER_KINDS), fallback: 'none' },
    'nginx-routes-file': { recorded: true, rule: rules/* ownedFile */.au },
    // Required with router nginx unless nginx-routes-file is set: see RELATIONS in src/config/read.ts.
    'nginx-upstream-file': { recorded: true, rule: rules/* ownedFile */.au },
    'nginx-upstream-name': { recorded: true, rule: (0,rules/* pattern */.T1)(NAME_RE, NAME_ACCEPTS) },
    'nginx-test-command': { recorded: true, rule: rules/* argv */.vU, fallback: 'nginx -t' },
    'nginx-reload-command': { recorded: true, rule: rules/* argv */.vU, fallback: 'nginx -s reload' },
    'nginx-pid-file': { recorded: true, rule: (0,rules/* text */.Qq)('a file path') },
    'haproxy-socket': { recorded: true, rule: (0,rules/* text */.Qq)('a unix socket path or host:port'), requiredWhen: { input: 'router', is: 'haproxy' } },
    'haproxy-backend': { recorded: true, rule: (0,rules/* pattern */.T1)(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, ".", ":", "_" and "-"') },
    'haproxy-server': { recorded: true, rule: (0,rules/* pattern */.T1)(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, ".", ":", "_" and "-"'), fallback: 'live' },
    'haproxy-state-file': { recorded: true, rule: rules/* ownedFile */.au },
    'caddy-admin-url': { recorded: true,
        rule: (0,rules/* mapped */.CV)((0,rules/* pattern */.T1)(/^https?:\/\/[^\s/]+\/?$/, 'an http(s) URL of the admin API, such as http://127.0.0.1:2019'), (v) => v.replace(/\/$/, '')),
        fallback: 'http://127.0.0.1:2019',
        credentials: 'url',
    },
    'caddy-upstream-id': { recorded: true, rule: (0,rules/* pattern */.T1)(NAME_RE, NAME_ACCEPTS) },
    'router-command': { recorded: true, rule: (0,rules/* text */.Qq)('a shell command'), requiredWhen: { input: 'router', is: 'command' } },
    runtime: { rule: (0,rules/* choice */.Yq)(RUNTIME_KINDS), default: 'docker' },
    // The whole kubeconfig is masked line by line: it may hold tokens, keys and passwords anywhere.
    kubeconfig: { rule: (0,rules/* text */.Qq)('the content of a kubeconfig file'), secret: 'value' },
    'kube-namespace': { recorded: true, rule: (0,rules/* pattern */.T1)(DNS_LABEL_RE, DNS_LABEL_ACCEPTS), fallback: 'default' },
    'kube-service': { recorded: true, rule: (0,rules/* pattern */.T1)(DNS_LABEL_RE, DNS_LABEL_ACCEPTS) },
    'preview-url': { rule: rules/* httpUrl */.q3 },
    replicas: { recorded: true, rule: (0,rules/* int */.Wh)(1, 1000), fallback: '1' },
    strategy: { rule: (0,rules/* choice */.Yq)(STRATEGIES), default: 'blue-green' },
    'canary-steps': {
        rule: {
            accepts: 'rising percentages, comma-separated, such as 10, 50 (100 is always the last step), with `pause` after a step for a human gate: 5, 25, pause, 50',
            parse: parseCanaryPlan,
        },
        default: '10, 50',
    },
    'pause-timeout': { rule: { accepts: 'a duration such as 30m, 24h or 2d (s, m, h, d; seconds without a unit)', parse: parseDuration }, default: '24h' },
    'analysis-mode': { rule: (0,rules/* choice */.Yq)(ANALYSIS_MODES), default: 'enforce' },
    'load-command': { rule: (0,rules/* text */.Qq)('a shell command') },
    'step-seconds': { rule: (0,rules/* int */.Wh)(1, 3600), default: '60' },
    // No declared default: with baseline: true it is judged only when given (read.ts: 1 otherwise).
    'max-error-rate': { rule: (0,rules/* decimal */._)(0, 100) },
    'max-response-ms': { rule: (0,rules/* int */.Wh)(1, 600_000) },
    'min-requests': { rule: (0,rules/* int */.Wh)(0, 1_000_000), default: '20' },
    baseline: { rule: rules/* bool */.lc, default: 'false' },
    'max-error-rate-increase': { rule: (0,rules/* decimal */._)(0, 100), default: '1' },
    'max-response-increase': { rule: (0,rules/* decimal */._)(0, 100_000) },
    confidence: { rule: (0,rules/* decimal */._)(0.5, 0.999), default: '0.95' },
    // Default: balancer with router haproxy (the only router with stats); see RELATIONS in src/config/read.ts.
    metrics: { rule: (0,rules/* choice */.Yq)(METRICS_KINDS) },
    'prometheus-url': { rule: (0,rules/* mapped */.CV)(rules/* httpUrl */.q3, (v) => v.replace(/\/$/, '')) },
    'prometheus-error-rate-query': { rule: promQuery },
    'prometheus-requests-query': { rule: promQuery },
    'prometheus-response-ms-query': { rule: promQuery },
    'analysis-command': { rule: (0,rules/* text */.Qq)('a shell command') },
    'analysis-command-every-poll': { rule: rules/* bool */.lc, default: 'false' },
    'bake-seconds': { rule: (0,rules/* int */.Wh)(0, 24 * 3600), default: '0' },
    waves: { rule: wavesRule },
    'wave-bake-seconds': { rule: (0,rules/* int */.Wh)(0, 24 * 3600), default: '0' },
    'preview-header': { rule: (0,rules/* pattern */.T1)(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name, such as X-Preview') },
    sticky: {
        rule: {
            accepts: sticky/* STICKY_ACCEPTS */.I9,
            parse(v) {
                const s = (0,sticky/* parseSticky */.pD)(v);
                if (!s)
                    throw new rules/* Rejected */.HE();
                return s;
            },
        },
    },
    keep: { recorded: true, rule: (0,rules/* int */.Wh)(0, 50), fallback: '1' },
    'keep-images': { recorded: true, rule: (0,rules/* int */.Wh)(1, 1000), fallback: '5' },
    'drain-seconds': { recorded: true, rule: (0,rules/* int */.Wh)(0, 3600), fallback: '5' },
    'stop-timeout': { recorded: true, rule: (0,rules/* int */.Wh)(0, 3600), fallback: '10' },
    'lock-timeout': { rule: (0,rules/* int */.Wh)(0, 6 * 3600), default: '300' },
    'environment-url': { rule: rules/* httpUrl */.q3, credentials: 'url' },
    policy: { rule: (0,rules/* parsedBy */.f3)(POLICY_RULES_ACCEPTED, (v) => parsePolicy((0,core_text/* listItems */.Dw)(v)), []) },
    'policy-mode': { rule: (0,rules/* choice */.Yq)(POLICY_MODES), default: 'warn' },
    'github-token': { rule: (0,rules/* text */.Qq)('a GitHub token'), secret: 'value' },
    maintenance: { rule: (0,rules/* choice */.Yq)(['on', 'off']), requiredWhen: { input: 'command', is: 'maintenance' } },
    'maintenance-page': { rule: (0,rules/* pattern */.T1)(/^[^-]/, 'a path of an HTML file on the runner (the 503 page), not starting with "-"') },
    'maintenance-allow': { rule: maintenanceAllowRule },
    // Release operations (issue 21): never recorded (a rollback never runs the release command).
    'release-command': { rule: rules/* argv */.vU },
    'release-timeout': { rule: (0,rules/* int */.Wh)(1, 6 * 3600), default: '600' },
    irreversible: { rule: rules/* bool */.lc, default: 'false' },
    force: { rule: rules/* bool */.lc, default: 'false' },
    reason: { rule: (0,rules/* text */.Qq)('why (a sentence)') },
    'post-deploy-command': { rule: (0,rules/* text */.Qq)('a shell command') },
    'on-failure-command': { rule: (0,rules/* text */.Qq)('a shell command') },
    'on-rollback-command': { rule: (0,rules/* text */.Qq)('a shell command') },
    'notify-webhook': {
        rule: (0,rules/* lines */.Mn)('http(s) URLs, one per line', (u) => (/^https?:\/\/\S+$/.test(u) ? undefined : 'not an http(s) URL')),
        secret: 'value',
    },
    freeze: { rule: freezeRule },
    'freeze-override': { rule: (0,rules/* text */.Qq)('the reason for deploying inside a freeze window') },
};


/***/ }),

/***/ 8464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G9: () => (/* binding */ parseTagRule),
/* harmony export */   lq: () => (/* binding */ TagRuleError)
/* harmony export */ });
/* unused harmony export splitFields */
/**
 * The `tags` input: tag rules in docker/metadata-action's `tags` syntax, behaving as its documentation and its own test
 * cases do, for the rule types accepted here: sha, ref, semver, raw.
 *
 *   type=sha[,format=short|long]          sha-<7> (or the full commit); prefix defaults to "sha-"
 *   type=ref,event=branch|tag|pr          the branch, the tag, or pr-<N> (prefix defaults to "pr-")
 *   type=semver,pattern=...[,value=...]   {{version}} {{major}} {{minor}} {{patch}} {{raw}} of a semver tag
 *   type=raw,value=...  (or a bare value)  the value; a line without type= is raw
 * Every rule takes prefix, suffix, enable (true/false after expressions) and priority; values, prefix,
 * suffix and enable take the global expressions {{branch}} {{tag}} {{sha}} {{base_ref}}
 * {{is_default_branch}}.
 *
 * Deliberate differences (README "Tag rules"): no `flavor`, so no automatic `latest` (write
 * type=raw,value=latest); the version tag always comes first (priority orders the rest); the commit is
 * the checked-out one; on workflow_run the ref is the triggering run's branch; types schedule, pep440,
 * match, edge and {{date}} are refused rather than ignored; unknown attributes are refused (typos).
 */
class TagRuleError extends Error {
}
const TYPES = ['sha', 'ref', 'semver', 'raw'];
const NOT_SUPPORTED = ['schedule', 'pep440', 'match', 'edge'];
const PRIORITY = { semver: 900, ref: 600, raw: 200, sha: 100 };
const ATTRS = new Set(['type', 'value', 'pattern', 'event', 'prefix', 'suffix', 'enable', 'priority', 'format']);
/** Comma-separated fields; a field that starts with a double quote runs to the closing quote ("" is a quote), as CSV. */
function splitFields(line) {
    const fields = [];
    let cur = '';
    let i = 0;
    let atStart = true;
    while (i < line.length) {
        const c = line[i];
        if (atStart && c === '"') {
            i++;
            for (;;) {
                if (i >= line.length)
                    throw new TagRuleError(`tag rule ${JSON.stringify(line)}: a quote is not closed`);
                if (line[i] === '"' && line[i + 1] === '"') {
                    cur += '"';
                    i += 2;
                }
                else if (line[i] === '"') {
                    i++;
                    break;
                }
                else
                    cur += line[i++];
            }
            atStart = false;
        }
        else if (c === ',') {
            fields.push(cur);
            cur = '';
            atStart = true;
            i++;
        }
        else {
            if (!(atStart && /\s/.test(c))) {
                cur += c;
                atStart = false;
            }
            i++;
        }
    }
    fields.push(cur);
    return fields.map((f) => f.trim()).filter((f) => f !== '');
}
function parseTagRule(line) {
    const fail = (why) => {
        throw new TagRuleError(`tag rule ${JSON.stringify(line)}: ${why}`);
    };
    const attrs = {};
    let type;
    for (const field of splitFields(line)) {
        const eq = field.indexOf('=');
        if (eq <= 0) {
            attrs.value = field;
            continue;
        }
        const key = field.slice(0, eq).trim().toLowerCase();
        const value = field.slice(eq + 1).trim();
        if (key === 'type')
            type = value;
        else if (!ATTRS.has(key))
            fail(`"${key}" is not a tag rule attribute (${[...ATTRS].join(', ')})`);
        else
            attrs[key] = value;
    }
    type ??= 'raw';
    if (NOT_SUPPORTED.includes(type))
        fail(`type=${type} is not supported here; use sha, ref, semver or raw`);
    if (!TYPES.includes(type))
        fail('type must be one of sha, ref, semver, raw (for example type=ref,event=branch)');
    const t = type;
    switch (t) {
        case 'ref':
            if (!['branch', 'tag', 'pr'].includes(attrs.event ?? ''))
                fail('type=ref needs event=branch, event=tag or event=pr');
            if (attrs.event === 'pr' && attrs.prefix === undefined)
                attrs.prefix = 'pr-';
            break;
        case 'raw':
            if (attrs.value === undefined)
                fail('type=raw needs a value (value=... or a bare value)');
            break;
        case 'semver':
            if (attrs.pattern === undefined)
                fail('type=semver needs pattern=..., e.g. pattern={{version}}');
            break;
        case 'sha':
            attrs.prefix ??= 'sha-';
            attrs.format ??= 'short';
            if (!['short', 'long'].includes(attrs.format))
                fail(`format must be short or long, not "${attrs.format}"`);
            break;
    }
    let priority = PRIORITY[t];
    if (attrs.priority !== undefined) {
        if (!/^-?\d+$/.test(attrs.priority))
            fail('priority must be a whole number');
        priority = Number(attrs.priority);
    }
    return { source: line, type: t, attrs, priority };
}
/** As metadata-action: every run of characters a tag cannot hold becomes one "-". */


/***/ }),

/***/ 5950:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ parseChecks)
/* harmony export */ });
/* unused harmony exports CheckSyntaxError, parseCheck */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2020);

class CheckSyntaxError extends Error {
}
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);
function parseChecks(text) {
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .listItems */ .Dw)(text).map(parseCheck);
}
function parseCheck(line) {
    let words;
    try {
        words = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .splitWords */ .yM)(line);
    }
    catch (e) {
        throw new CheckSyntaxError(`${e.message} in check ${JSON.stringify(line)}`);
    }
    const fail = (why) => {
        throw new CheckSyntaxError(`check ${JSON.stringify(line)}: ${why}. Expected: METHOD /path STATUS [contains "text"] [json .field == value] [within 500ms]`);
    };
    const [method, path, statusWord, ...rest] = words;
    if (!method || !METHODS.has(method.toUpperCase()))
        fail(`"${method ?? ''}" is not an HTTP method`);
    if (!path || !path.startsWith('/'))
        fail(`the path must start with "/"`);
    if (!statusWord || !/^[1-5]\d\d$/.test(statusWord))
        fail(`"${statusWord ?? ''}" is not an HTTP status code`);
    const check = { source: line, method: method.toUpperCase(), path: path, status: Number(statusWord) };
    while (rest.length > 0) {
        const word = rest.shift();
        if (word === 'contains') {
            const text = rest.shift();
            if (text === undefined || text === '')
                fail('"contains" needs a text');
            check.contains = text;
        }
        else if (word === 'json') {
            const field = rest.shift();
            const op = rest.shift();
            const raw = rest.shift();
            if (!field || !/^\.([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)?$/.test(field))
                fail('"json" needs a field like .status or .data.ok');
            if (op !== '==' && op !== '!=')
                fail('"json" needs == or != after the field');
            if (raw === undefined)
                fail('"json" needs a value to compare with');
            check.json = { path: field.split('.').filter(Boolean), op: op, value: parseJsonValue(raw) };
        }
        else if (word === 'within') {
            const budget = rest.shift() ?? '';
            const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(budget);
            if (!m)
                fail(`"within" needs a duration like 500ms or 2s, got "${budget}"`);
            check.maxMs = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
        }
        else {
            fail(`unknown word "${word}"`);
        }
    }
    return check;
}
/** `true`, `42`, `"text"`, `null` as JSON; a bare word as a string. */
function parseJsonValue(raw) {
    try {
        return JSON.parse(raw);
    }
    catch {
        return raw;
    }
}


/***/ }),

/***/ 6236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ag: () => (/* binding */ LABEL_PREFIX),
/* harmony export */   _D: () => (/* binding */ kubeLabel),
/* harmony export */   dS: () => (/* binding */ labelsFor),
/* harmony export */   jb: () => (/* binding */ dockerLabel)
/* harmony export */ });
/* unused harmony export LABEL_KEYS */
/**
 * The one table of label keys the action writes, on every platform: images (OCI labels beside ours),
 * Docker containers and volumes, Kubernetes objects. Each platform renders a key in its own syntax
 * (Docker: `dev.immutable-deploy.<name>`; Kubernetes: `dev.immutable-deploy/<name>`), so a key means the
 * same thing wherever it is read. Values are never secret (docs/architecture.md "Boundaries"). Pure.
 */
/** The prefix of every label this action writes on images, instances, records and locks. */
const LABEL_PREFIX = 'dev.immutable-deploy';
/**
 * What each key holds. `kubernetes`: the name on Kubernetes where it differs (kept as earlier releases
 * wrote it, so their objects are still read).
 */
const LABEL_KEYS = {
    /** What the object is: instance, lock, lock-renewal, flip (a release record), secret... */
    role: { name: 'role' },
    app: { name: 'app' },
    environment: { name: 'environment' },
    version: { name: 'version' },
    /** Manifest digest when pushed, else the image id. */
    digest: { name: 'digest' },
    /** What an instance was started from: an image id or `repo@sha256:...`. */
    image: { name: 'image' },
    /** The commit the image was built from. */
    revision: { name: 'revision' },
    deployedAt: { name: 'deployed-at' },
    runUrl: { name: 'run-url' },
    /** The pool an instance was launched in. */
    pool: { name: 'pool' },
    /** The run specification (JSON; never a secret value). */
    spec: { name: 'spec', kubernetes: 'run-spec' },
    /** Set once the instance passed verification. */
    verified: { name: 'verified' },
    /**
     * Kubernetes canary steps: on the pods of the stable and the new pool that the Service selects during the
     * steps; the value is the new pool's id (src/platforms/kubernetes/router.ts).
     */
    serving: { name: 'serving' },
    /** A release record (JSON). */
    flip: { name: 'flip' },
    /** The lock's holder (JSON), its name and its token. */
    lock: { name: 'lock' },
    lockName: { name: 'lock-name' },
    lockToken: { name: 'lock-token' },
    /** The Kubernetes Lease's holder record (JSON). */
    holder: { name: 'holder' },
    /** When a Kubernetes record was written (its ConfigMaps are listed newest first by it). */
    writtenAt: { name: 'written-at' },
    /** Build metadata on images. */
    ref: { name: 'ref' },
    actor: { name: 'actor' },
    workflow: { name: 'workflow' },
};
/** The key as a Docker label (images, containers, volumes). */
function dockerLabel(key) {
    return `${LABEL_PREFIX}.${LABEL_KEYS[key].name}`;
}
/** The key as a Kubernetes label or annotation. */
function kubeLabel(key) {
    const k = LABEL_KEYS[key];
    return `${LABEL_PREFIX}/${k.kubernetes ?? k.name}`;
}
/** Every key in one platform's syntax, by name: `labelsFor(dockerLabel).app`. */
function labelsFor(render) {
    return Object.fromEntries(Object.keys(LABEL_KEYS).map((k) => [k, render(k)]));
}


/***/ }),

/***/ 3960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ao: () => (/* binding */ MAINTENANCE_RETRY_AFTER_SEC),
/* harmony export */   L9: () => (/* binding */ describeAllow),
/* harmony export */   PT: () => (/* binding */ parseAllow),
/* harmony export */   Q9: () => (/* binding */ allowItemProblem),
/* harmony export */   SV: () => (/* binding */ defaultMaintenancePage)
/* harmony export */ });
/* unused harmony exports parseCidr, inRanges */
/**
 * Maintenance mode (command: maintenance): everyone gets 503 with Retry-After and a page, except the allowed
 * clients (source addresses in CIDRs, or requests carrying a header), who reach the live pool. The allow list,
 * the default page and CIDR matching. Pure.
 */
/**
 * node:net's isIP, loaded when an address is checked: a static import would load net (and its streams) at the
 * action's start-up, since the input rules use this module (bench/startup.mjs).
 */
const isIP = (a) => process.getBuiltinModule('node:net').isIP(a);
/** Retry-After of the 503 (seconds): a client that honours it comes back in two minutes. */
const MAINTENANCE_RETRY_AFTER_SEC = 120;
/** The page when maintenance-page is not given: plain, no external resources. */
function defaultMaintenancePage(app) {
    const name = app.replace(/[^a-z0-9-]/g, '');
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Down for maintenance</title></head>' +
        `<body><h1>Down for maintenance</h1><p>${name} is being worked on and will be back shortly. Please try again in a few minutes.</p></body></html>`);
}
/** Why one `maintenance-allow` item is not accepted, or undefined. */
function allowItemProblem(item) {
    const header = /^header:\s*(.*)$/i.exec(item);
    if (header)
        return /^[A-Za-z0-9-]+$/.test(header[1]) ? undefined : `the header name ${JSON.stringify(header[1])} is not letters, digits and "-"`;
    const cidr = parseCidr(item);
    return cidr ? undefined : `${JSON.stringify(item)} is neither an address range (10.0.0.0/8, 192.0.2.7, 2001:db8::/32) nor header:<Name>`;
}
/** `maintenance-allow` items (already checked) -> ranges (normalised to address/prefix) and header names (lowercase). */
function parseAllow(items) {
    const cidrs = [];
    const headers = [];
    for (const item of items) {
        const header = /^header:\s*(.*)$/i.exec(item);
        if (header)
            headers.push(header[1].toLowerCase());
        else {
            const c = parseCidr(item);
            cidrs.push(`${c.address}/${c.prefix}`);
        }
    }
    return { cidrs: [...new Set(cidrs)], headers: [...new Set(headers)] };
}
/** `a.b.c.d[/n]` or an IPv6 address `[/n]`; undefined when it is neither. */
function parseCidr(text) {
    const [address, bits, ...rest] = text.trim().split('/');
    if (!address || rest.length)
        return undefined;
    const family = isIP(address);
    if (family === 0)
        return undefined;
    const max = family === 4 ? 32 : 128;
    if (bits !== undefined && !/^\d{1,3}$/.test(bits))
        return undefined;
    const prefix = bits === undefined ? max : Number(bits);
    return prefix <= max ? { address, prefix } : undefined;
}
/** The 16 bytes of an address (IPv4 as ::ffff:a.b.c.d), or undefined. */
function bytesOf(address) {
    const a = address.replace(/^\[|\]$/g, '');
    if (isIP(a) === 4)
        return [...Array(10).fill(0), 255, 255, ...a.split('.').map(Number)];
    if (isIP(a) !== 6)
        return undefined;
    let text = a;
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4) {
        const [p, q, r, s] = v4[1].split('.').map(Number);
        text = text.slice(0, -v4[1].length) + `${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
    }
    const [head, tail] = text.split('::');
    const words = (s) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
    const h = words(head);
    const t = words(tail);
    const all = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
    return all.flatMap((w) => [w >> 8, w & 255]);
}
/** True when `address` (a client's) lies in one of `cidrs`. */
function inRanges(address, cidrs) {
    const client = bytesOf(address);
    if (!client)
        return false;
    return cidrs.some((c) => {
        const range = parseCidr(c);
        const net = range && bytesOf(range.address);
        if (!range || !net)
            return false;
        const bits = isIP(range.address) === 4 ? range.prefix + 96 : range.prefix;
        for (let i = 0; i < bits; i++) {
            const byte = i >> 3;
            const mask = 128 >> (i & 7);
            if ((client[byte] & mask) !== (net[byte] & mask))
                return false;
        }
        return true;
    });
}
/** For people: who reaches the live pool. */
function describeAllow(allow) {
    const parts = [...allow.cidrs, ...allow.headers.map((h) => `requests with header ${h}`)];
    return parts.length ? parts.join(', ') : 'nobody';
}


/***/ }),

/***/ 4119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QM: () => (/* binding */ formatPortRange),
/* harmony export */   Rn: () => (/* binding */ pickPort),
/* harmony export */   YW: () => (/* binding */ DEFAULT_PORT_RANGE),
/* harmony export */   mK: () => (/* binding */ parsePortRange)
/* harmony export */ });
/**
 * Choosing the host port an instance is published on. Docker's own choice (`--publish host::port`)
 * is made again on every start, so a restarted container comes back on another port and the balancer
 * points at a dead one. The action picks the port once, at launch, from `port-range`, and publishes it
 * explicitly (`host:port:containerPort`): Docker then binds the same port on every restart of the
 * container, of dockerd and of the host. Pure; the Docker platform gathers what is in use
 * (src/platforms/docker/ports.ts).
 */
const DEFAULT_PORT_RANGE = { from: 20000, to: 29999 };
/** `20000-29999` or a single port `20500`; undefined when it is not a range of valid ports. */
function parsePortRange(text) {
    const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text.trim());
    if (!m)
        return undefined;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to > 65535 || from > to)
        return undefined;
    return { from, to };
}
function formatPortRange(r) {
    return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}
/**
 * A free port of `range`, starting the search at a random place in it (so that two runs launching
 * at the same time on one engine rarely try the same port), or undefined when every port is used.
 */
function pickPort(range, used, random = Math.random) {
    const size = range.to - range.from + 1;
    const start = Math.floor(random() * size) % size;
    for (let i = 0; i < size; i++) {
        const port = range.from + ((start + i) % size);
        if (!used.has(port))
            return port;
    }
    return undefined;
}


/***/ }),

/***/ 4880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F9: () => (/* binding */ parseSpec),
/* harmony export */   FL: () => (/* binding */ missingSecretKeys),
/* harmony export */   Q3: () => (/* binding */ withoutUserinfo)
/* harmony export */ });
/** The URL without its user:password (as recorded, and as said to people). A value that is no URL is returned as it is. */
function withoutUserinfo(url) {
    return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s]*@/, '$1');
}
/** The spec in a label, or undefined when there is none or it is not one (an instance of an older release). */
function parseSpec(text) {
    if (!text)
        return undefined;
    try {
        const s = JSON.parse(text);
        const ok = typeof s === 'object' && s !== null &&
            Number.isInteger(s.port) && typeof s.healthPath === 'string' && typeof s.restart === 'string' &&
            typeof s.env === 'object' && s.env !== null && Array.isArray(s.secretEnvNames);
        return ok ? s : undefined;
    }
    catch {
        return undefined;
    }
}
/** Secret env names a version ran with that this run does not have (a fresh instance would need them). */
function missingSecretKeys(spec, secretEnv) {
    return spec.secretEnvNames.filter((k) => !(k in secretEnv));
}


/***/ }),

/***/ 3476:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I9: () => (/* binding */ STICKY_ACCEPTS),
/* harmony export */   L_: () => (/* binding */ describeSticky),
/* harmony export */   pD: () => (/* binding */ parseSticky),
/* harmony export */   zt: () => (/* binding */ formatSticky)
/* harmony export */ });
/* unused harmony export isHeaderName */
/**
 * Sticky users (input `sticky`): what keeps a client on one version during canary steps. The balancer
 * hashes the value (a cookie, a request header, the client's address), so a client's requests go to one
 * version for a whole step, and one on the new version stays there when the share grows. Pure.
 */
/** A cookie or header name: an HTTP token (RFC 9110 tchar). */
const TOKEN_RE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const STICKY_ACCEPTS = 'cookie:<name> (a cookie the client sends), header:<name> (a request header) or source (the client address)';
/** `cookie:user`, `header:X-User` or `source`; undefined when the text is none of them. */
function parseSticky(text) {
    const t = text.trim();
    if (t === 'source')
        return { kind: 'source' };
    const m = /^(cookie|header):(.+)$/.exec(t);
    if (!m || !TOKEN_RE.test(m[2]))
        return undefined;
    return { kind: m[1], name: m[2] };
}
/** Back to the input's text: `cookie:user`, `header:X-User`, `source`. */
function formatSticky(s) {
    return s.kind === 'source' ? 'source' : `${s.kind}:${s.name}`;
}
/** For people: `the cookie "user"`, `the header X-User`, `the client address`. */
function describeSticky(s) {
    return s.kind === 'cookie' ? `the cookie "${s.name}"` : s.kind === 'header' ? `the request header ${s.name}` : 'the client address';
}
/** An HTTP header name (preview-header): an HTTP token. */
function isHeaderName(name) {
    return TOKEN_RE.test(name);
}


/***/ }),

/***/ 2020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dw: () => (/* binding */ listItems),
/* harmony export */   n6: () => (/* binding */ compareText),
/* harmony export */   yM: () => (/* binding */ splitWords)
/* harmony export */ });
/* unused harmony export parseKeyValues */
/** Small pure parsers for the text formats our inputs use, and how we order machine text. */
/**
 * Order by UTF-16 code units: for ISO 8601 times, names and ids (ASCII, made by programs). Not
 * localeCompare: that orders for people (punctuation and case weigh less), and its first call builds an
 * ICU collator, ~8 ms of CPU in a warm rollback of ~160 ms (measured with --cpu-prof).
 */
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * Split a line into words, honouring single and double quotes and backslash escapes
 * inside double quotes. Used to turn a command input into an argv array (no shell involved).
 * Throws on an unterminated quote.
 */
function splitWords(line) {
    const words = [];
    let cur = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === quote)
                quote = undefined;
            else if (c === '\\' && quote === '"' && i + 1 < line.length)
                cur += line[++i];
            else
                cur += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(cur);
            cur = '';
            inWord = false;
        }
        else {
            cur += c;
            inWord = true;
        }
    }
    if (quote)
        throw new Error(`unterminated ${quote} quote`);
    if (inWord)
        words.push(cur);
    return words;
}
/** Non-empty, non-comment lines of a multi-line input, trimmed. Commas also separate items when `commas`. */
function listItems(text, commas = false) {
    return text
        .split(commas ? /[\n,]/ : /\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/**
 * Parse `KEY=VALUE` lines. Returns the map, or the first line that is not KEY=VALUE
 * so the caller can name it in an error.
 */
function parseKeyValues(text, keyPattern) {
    const values = {};
    for (const line of listItems(text)) {
        const eq = line.indexOf('=');
        const key = eq > 0 ? line.slice(0, eq).trim() : '';
        if (!key || !keyPattern.test(key))
            return { values, bad: line };
        values[key] = line.slice(eq + 1);
    }
    return { values };
}


/***/ }),

/***/ 1133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kc: () => (/* binding */ planWaves),
/* harmony export */   Tf: () => (/* binding */ describeWave),
/* harmony export */   aX: () => (/* binding */ parseWaves)
/* harmony export */ });
/**
 * Waves (issue 21 §6): a fleet whose hosts each run their own balancer is released host group by host group.
 * `waves: 1, 50%, 100%` says how many hosts have the new version once each wave is done: a whole number is a
 * count of hosts, a percentage a share of them (rounded up); 100% is always the last wave. Each wave holds the
 * hosts the one before did not. Pure.
 */
/** `1, 50%, 100%` -> marks; throws (a message for people) on an item that is neither a count nor a percentage. */
function parseWaves(text) {
    const items = text
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
    const marks = [];
    for (const item of items) {
        const pct = /^(\d+)%$/.exec(item);
        const count = /^(\d+)$/.exec(item);
        if (pct) {
            const p = Number(pct[1]);
            if (p < 1 || p > 100)
                throw new Error(`${item}: a share of the hosts is a whole percentage from 1% to 100%`);
            marks.push({ percent: p });
        }
        else if (count) {
            const n = Number(count[1]);
            if (n < 1)
                throw new Error(`${item}: a wave releases at least 1 host`);
            marks.push({ hosts: n });
        }
        else
            throw new Error(`${item}: each wave is a number of hosts (2) or a share of them (50%)`);
    }
    // Written in order: a share and a count cannot be compared before the fleet is known, two of a kind can.
    for (let i = 1; i < marks.length; i++) {
        const a = marks[i - 1];
        const b = marks[i];
        if (('hosts' in a && 'hosts' in b && b.hosts <= a.hosts) || ('percent' in a && 'percent' in b && b.percent <= a.percent))
            throw new Error(`${items[i - 1]}, ${items[i]}: the waves must rise (each says how many hosts have the new version once it is done)`);
    }
    return marks;
}
/** Hosts released once a wave is done, over `n` hosts (at most n). */
function reached(mark, n) {
    return Math.min(n, 'hosts' in mark ? mark.hosts : Math.ceil((mark.percent * n) / 100));
}
/**
 * The host groups of the waves over `hosts` (in the order given): each wave the hosts its mark adds; a mark
 * that adds none (2 hosts, `1, 50%`) makes no wave; whatever no mark reached is the last wave. Every host is
 * in exactly one group.
 */
function planWaves(marks, hosts) {
    const groups = [];
    let done = 0;
    for (const m of marks) {
        const upTo = Math.max(done, reached(m, hosts.length));
        if (upTo > done)
            groups.push(hosts.slice(done, upTo));
        done = upTo;
    }
    if (done < hosts.length)
        groups.push(hosts.slice(done));
    return groups;
}
/** For people: "wave 1/3 (web1)", the hosts named. */
function describeWave(index, count, hosts) {
    return `wave ${index + 1}/${count} (${hosts.join(', ')})`;
}


/***/ }),

/***/ 7700:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   sH: () => (/* binding */ DeployError)
/* harmony export */ });
/** An action input has a value we cannot accept. The message names the input, the value and what is accepted. */
class InputError extends Error {
    input;
    value;
    accepted;
    constructor(input, value, accepted) {
        super(`Input "${input}" has the value ${JSON.stringify(value)}, which is not accepted: ${accepted}`);
        this.input = input;
        this.value = value;
        this.accepted = accepted;
        this.name = 'InputError';
    }
    /** For a secret input: says where (the line) and what is accepted, never the value. */
    static secret(input, line, accepted) {
        const e = new InputError(input, '', accepted);
        const where = line !== undefined ? `line ${line} of input "${input}"` : `the value of input "${input}"`;
        e.message = `Input "${input}": ${where} is not accepted (not shown: the input is secret): ${accepted}`;
        return e;
    }
}
/** A step of the deploy failed; `hint` tells the person what to do next. */
class DeployError extends Error {
    hint;
    constructor(message, hint, options) {
        super(hint ? `${message}\n${hint}` : message, options);
        this.hint = hint;
        this.name = 'DeployError';
    }
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 6894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* reexport safe */ _secrets_js__WEBPACK_IMPORTED_MODULE_0__.E$),
/* harmony export */   Fs: () => (/* binding */ pipe),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   gL: () => (/* binding */ formatArgv),
/* harmony export */   ni: () => (/* binding */ start),
/* harmony export */   w$: () => (/* binding */ lastLines),
/* harmony export */   wp: () => (/* binding */ killRunning)
/* harmony export */ });
/* unused harmony exports DEFAULT_TIMEOUT_MS, CommandError */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1442);


/**
 * Every child has a timeout: one not given another dies after this long (a build or an image push may
 * take long; nothing the action runs may hang the job until its limit).
 */
const DEFAULT_TIMEOUT_MS = 60 * 60_000;
class CommandError extends Error {
    argv;
    result;
    constructor(argv, result) {
        const tail = lastLines(result.stderr.trim() || result.stdout.trim(), 15);
        const why = result.timedOut ? 'timed out' : `failed with exit code ${result.exitCode}`;
        super((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(`Command ${why}: ${formatArgv(argv)}${tail ? `\n${tail}` : ''}`));
        this.argv = argv;
        this.result = result;
        this.name = 'CommandError';
    }
}
function lastLines(text, n) {
    return text.split('\n').slice(-n).join('\n');
}
/** A readable rendering of an argv array for messages (quoted where needed; secrets redacted). */
function formatArgv(argv) {
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '));
}
/**
 * node:child_process, loaded at the first command: a warm rollback through a balancer's API runs none, and
 * loading it costs ~5 ms at every start.
 */
const spawn = () => process.getBuiltinModule('node:child_process').spawn;
/** Children still running, so an interrupted run can stop them (see src/support/interrupt.ts). */
const running = new Set();
function killGroup(child) {
    try {
        if (child.pid)
            process.kill(-child.pid, 'SIGKILL');
    }
    catch {
        child.kill('SIGKILL');
    }
}
/** Stop every command still running (and, for those in their own group, the whole group). */
function killRunning() {
    for (const child of running)
        killGroup(child);
}
const run = (argv, options = {}) => new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    if (!cmd)
        return reject(new Error('run() needs a command'));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const child = spawn()(cmd, args, {
        cwd: options.cwd,
        env: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .childEnv */ .gf)(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group, so a timeout (or an interrupted run) stops what it started too.
        detached: true,
    });
    running.add(child);
    const out = [];
    const err = [];
    // Echoed whole lines at a time, so a secret split across two chunks is still redacted.
    const echo = options.echo ? lineEcho() : undefined;
    child.stdout.on('data', (b) => {
        out.push(b);
        echo?.write(b);
    });
    child.stderr.on('data', (b) => {
        err.push(b);
        echo?.write(b);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child);
    }, timeoutMs);
    child.on('error', (e) => {
        running.delete(child);
        clearTimeout(timer);
        reject(new Error(e.code === 'ENOENT'
            ? `Command not found: ${cmd}. Install it on the runner or put it on PATH.`
            : `Could not start ${formatArgv(argv)}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
        echo?.end();
        running.delete(child);
        clearTimeout(timer);
        const result = {
            exitCode: code ?? (signal ? 128 : 1),
            // Data, not print: callers parse it (docker inspect JSON). Whatever prints it redacts it.
            stdout: Buffer.concat(out).toString(),
            stderr: Buffer.concat(err).toString(),
            ...(timedOut ? { timedOut } : {}),
        };
        if ((result.exitCode !== 0 || timedOut) && !options.allowFailure)
            reject(new CommandError(argv, result));
        else
            resolve(result);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
});
/** Writes to our stdout, redacted, one complete line at a time. */
function lineEcho() {
    let pending = '';
    return {
        write(b) {
            pending += b.toString();
            const nl = pending.lastIndexOf('\n');
            if (nl < 0)
                return;
            process.stdout.write((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(pending.slice(0, nl + 1)));
            pending = pending.slice(nl + 1);
        },
        end() {
            if (pending)
                process.stdout.write((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(`${pending}\n`));
            pending = '';
        },
    };
}
/**
 * `from | to` without a shell: from's stdout streams into to's stdin (e.g. `docker save` on one engine
 * into `docker load` on another). Each side gets childEnv() plus its own `env`; both are killed after
 * `timeoutMs`. Rejects with the failing side's CommandError (the first one, when both fail).
 */
function pipe(from, to, timeoutMs = DEFAULT_TIMEOUT_MS) {
    let timedOut = false;
    const start = (end) => {
        const [cmd, ...args] = end.argv;
        if (!cmd)
            throw new Error('pipe() needs a command on each side');
        const child = spawn()(cmd, args, { env: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .childEnv */ .gf)(end.env), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        running.add(child);
        const err = [];
        const out = [];
        child.stderr.on('data', (b) => err.push(b));
        const done = new Promise((resolve, reject) => {
            child.on('error', (e) => {
                running.delete(child);
                reject(new Error(`Could not start ${formatArgv(end.argv)}: ${e.message}`));
            });
            child.on('close', (code, signal) => {
                running.delete(child);
                resolve({
                    exitCode: code ?? (signal ? 128 : 1),
                    stdout: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(Buffer.concat(out).toString()),
                    stderr: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(Buffer.concat(err).toString()),
                    ...(timedOut ? { timedOut } : {}),
                });
            });
        });
        return { child, out, done };
    };
    const a = start(from);
    const b = start(to);
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup(a.child);
        killGroup(b.child);
    }, timeoutMs);
    a.child.stdin.end();
    a.child.stdout.pipe(b.child.stdin);
    b.child.stdin.on('error', () => undefined);
    b.child.stdout.on('data', (x) => b.out.push(x));
    return Promise.all([a.done, b.done])
        .then(([ra, rb]) => {
        if (ra.exitCode !== 0 || ra.timedOut)
            throw new CommandError(from.argv, ra);
        if (rb.exitCode !== 0 || rb.timedOut)
            throw new CommandError(to.argv, rb);
    })
        .finally(() => clearTimeout(timer));
}
/**
 * Start `argv` in its own process group and leave it running (e.g. a load script for one canary step): it is
 * stopped by stop(), by its timeout, or with every other child when the run is interrupted.
 */
function start(argv, options = {}) {
    const [cmd, ...args] = argv;
    if (!cmd)
        throw new Error('start() needs a command');
    const child = spawn()(cmd, args, { cwd: options.cwd, env: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .childEnv */ .gf)(options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    let startError;
    const closed = new Promise((resolve) => {
        child.on('error', (e) => {
            startError = e;
            running.delete(child);
            resolve({ exitCode: 127, stdout: '', stderr: `Could not start ${formatArgv(argv)}: ${e.message}` });
        });
        child.on('close', (code, signal) => {
            running.delete(child);
            resolve({ exitCode: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString(), stderr: '' });
        });
    });
    const timer = setTimeout(() => killGroup(child), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    timer.unref();
    return {
        async stop(graceMs = 5000) {
            clearTimeout(timer);
            if (!startError && child.exitCode === null && child.signalCode === null) {
                try {
                    if (child.pid)
                        process.kill(-child.pid, 'SIGTERM');
                }
                catch {
                    child.kill('SIGTERM');
                }
                const kill = setTimeout(() => killGroup(child), graceMs);
                const r = await closed;
                clearTimeout(kill);
                return r;
            }
            return closed;
        },
    };
}


/***/ }),

/***/ 1442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   dm: () => (/* binding */ maskable),
/* harmony export */   gf: () => (/* binding */ childEnv)
/* harmony export */ });
/* unused harmony export isActionOnly */
/**
 * Secret values and what child processes may see.
 *
 * - Redaction applies to what the action PRINTS (log lines, errors, outputs, the summary), never to
 *   data it parses: a command's stdout is returned as it is, so a short secret such as "true" cannot
 *   rewrite `docker inspect` JSON. Values too short or too common to mask are not registered (the input
 *   reader warns about them by key).
 * - A child process gets the environment a `run:` step would get, not the action's: no INPUT_* (the
 *   registry password, the GitHub token and secret-env arrive as INPUT_* variables), no STATE_*, none of
 *   the runtime tokens the runner gives only to actions, no GITHUB_OUTPUT/GITHUB_STATE of this step.
 *   Instance environment never goes into any child's environment (the container gets it in the
 *   create request to the engine's API, see src/platforms/docker/containers.ts).
 */
/** Values this short or this common cannot be masked without mangling the log (every "1", every "true"). */
const MIN_MASK_LENGTH = 4;
const COMMON_WORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'none']);
function maskable(value) {
    return value.length >= MIN_MASK_LENGTH && !COMMON_WORDS.has(value.toLowerCase());
}
/** Values that must never appear in anything we print. Longest first, so a secret containing another is hidden whole. */
const secrets = [];
function registerSecret(value) {
    if (!maskable(value) || secrets.includes(value))
        return;
    secrets.push(value);
    secrets.sort((a, b) => b.length - a.length);
}
/** Text about to be printed (log, error, output, summary), with every registered secret replaced by ***. */
function redact(text) {
    let out = text;
    for (const s of secrets)
        out = out.split(s).join('***');
    return out;
}
/** Variables the runner gives this action that no child of it needs (and that a `run:` step does not get). */
const ACTION_ONLY = new Set([
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_RUNTIME_URL',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'ACTIONS_CACHE_URL',
    'ACTIONS_RESULTS_URL',
    'GITHUB_OUTPUT',
    'GITHUB_STATE',
]);
function isActionOnly(name) {
    return name.startsWith('INPUT_') || name.startsWith('STATE_') || ACTION_ONLY.has(name);
}
/** The environment for a child process: the runner's, without what only this action may see, plus `extra`. */
function childEnv(extra = {}, base = process.env) {
    const env = {};
    for (const [k, v] of Object.entries(base))
        if (v !== undefined && !isActionOnly(k))
            env[k] = v;
    return Object.assign(env, extra);
}


/***/ })

};

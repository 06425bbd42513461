export const id = 356;
export const ids = [356];
export const modules = {

/***/ 418:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cli: () => (/* binding */ cli)
});

// EXTERNAL MODULE: ./src/action/dispatch.ts
var dispatch = __webpack_require__(7674);
// EXTERNAL MODULE: ./src/config/read.ts
var read = __webpack_require__(2000);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/support/interrupt.ts
var interrupt = __webpack_require__(7508);
// EXTERNAL MODULE: ./src/support/secrets.ts
var secrets = __webpack_require__(1442);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/config/table.ts + 2 modules
var table = __webpack_require__(4394);
;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * The command line's arguments, read onto the action's own input table (src/config/table.ts): every input
 * is a flag of the same name (`--app shop`, `--haproxy-socket /run/haproxy.sock`), so the CLI and the action
 * share one reader (src/config/read.ts) and one typed Config. A multi-line input (hosts, env, checks) takes
 * the flag once per line. Pure: the environment is given, nothing is read or printed here.
 */


/** The commands of the command line, in the order the help lists them: each one the action's own command. */
const CLI_COMMANDS = ['status', 'rollback', 'promote', 'abort', 'maintenance'];
class UsageError extends Error {
}
/** Inputs the command line does not take: what it runs is its own positional command. */
const NOT_FLAGS = new Set(['command']);
const USAGE = `Usage: immutable-deploy <command> --app <app> [--environment <environment>] [--version <version>] [--<input> <value> ...] [--json]

Commands:
  status       what runs, what can be restored, and whether the balancer serves what it should
  rollback     back to the version the last flip replaced, or to --version (a warm one: one flip)
  promote      finish a paused canary: give the new version all the traffic
  abort        stop a canary: all traffic back to the stable version, the new pool removed
  maintenance  put the environment in (or out of) maintenance

Every input of the action is a flag of the same name (a multi-line input: the flag once per line).
Settings of a version (router, ports, health path, checks, hosts...) come from what its deploy recorded,
so --app and --environment are usually enough. The engine is DOCKER_HOST (or the local one), the cluster
KUBECONFIG. With GITHUB_TOKEN and GITHUB_REPOSITORY set (or --github-token), the GitHub Deployment is
recorded as the action records it. No checkout is needed.

Output: the tables the action's job summary shows, as text on stdout (the log on stderr); --json prints
{ command, app, environment, ok, error, outputs } instead. Exit code 0 when the command succeeded, 1 when
it failed, 2 for a usage error.`;
function parseCli(argv, env) {
    const names = Object.keys(table/* INPUTS */.mc).filter((n) => !NOT_FLAGS.has(n));
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
            args: argv,
            allowPositionals: true,
            strict: true,
            options: {
                ...Object.fromEntries(names.map((n) => [n, { type: 'string', multiple: true }])),
                json: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
            },
        });
    }
    catch (e) {
        throw new UsageError(`${e.message.replace(/\. To specify a positional argument.*$/s, '')}. Run immutable-deploy --help for the flags.`);
    }
    const { values, positionals } = parsed;
    if (values.help || positionals.length === 0)
        return 'help';
    const [command, ...rest] = positionals;
    if (!CLI_COMMANDS.includes(command))
        throw new UsageError(`Unknown command "${command}": one of ${CLI_COMMANDS.join(', ')}.`);
    if (rest.length > 0)
        throw new UsageError(`Unexpected argument(s) ${rest.map((r) => JSON.stringify(r)).join(', ')}: every setting is a --<input> flag.`);
    const flags = values;
    const get = (name) => {
        if (name === 'command')
            return command;
        const given = flags[name];
        if (Array.isArray(given))
            return given.join('\n');
        // The token the action gets from the workflow (github.token), here from the environment.
        if (name === 'github-token')
            return env.GITHUB_TOKEN ?? '';
        return '';
    };
    return { command: command, get, json: flags.json === true };
}

;// CONCATENATED MODULE: ./src/cli/log.ts

function stderrLog(write, debug) {
    const line = (prefix, m) => write((0,secrets/* redact */.E$)(`${prefix}${m}`) + '\n');
    return {
        info: (m) => line('', m),
        warning: (m, title) => line(`warning: ${title ? `${title}: ` : ''}`, m),
        error: (m, title) => line(`error: ${title ? `${title}: ` : ''}`, m),
        group: async (name, fn) => {
            line('▸ ', name);
            return fn();
        },
        debug: debug ? (m) => line('debug: ', m) : undefined,
    };
}

;// CONCATENATED MODULE: ./src/cli/text.ts
/**
 * The job summary's markdown as plain text for a terminal: tables aligned in columns, links as their text,
 * markup (headings' #, backticks, <br>, <details>) taken out, Mermaid charts left out (their numbers are in
 * the tables beside them). Pure.
 */
/** Cells of a markdown table row; `\|` is a literal bar inside a cell. */
function cells(line) {
    const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
    return inner.split(/(?<!\\)\|/).map((c) => inline(c.trim().replace(/\\\|/g, '|')));
}
/** Inline markdown as text: [text](url) -> text, `code` -> code, <br> -> ", ", other tags out. */
function inline(s) {
    return s
        .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/<br\s*\/?>/g, ', ')
        .replace(/<\/?(?:b|strong|em|i|code|sub|sup)>/g, '')
        .replace(/\*\*([^*]+)\*\*/g, '$1');
}
function renderTable(rows) {
    const width = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    const line = (r) => r.map((c, i) => c.padEnd(width[i])).join('  ').trimEnd();
    return [line(rows[0]), line(width.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}
function summaryText(markdown) {
    const out = [];
    const lines = markdown.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (/^```mermaid/.test(line.trim())) {
            while (i + 1 < lines.length && lines[i + 1].trim() !== '```')
                i++;
            i++;
            continue;
        }
        if (/^```/.test(line.trim())) {
            for (i++; i < lines.length && lines[i].trim() !== '```'; i++)
                out.push(`    ${lines[i]}`);
            continue;
        }
        if (line.trim().startsWith('|')) {
            const rows = [];
            for (; i < lines.length && lines[i].trim().startsWith('|'); i++) {
                const r = cells(lines[i]);
                if (!r.every((c) => /^:?-{3,}:?$/.test(c)))
                    rows.push(r);
            }
            i--;
            // A table with an empty header (key/value pairs) prints without one.
            out.push(...(rows[0].every((c) => c === '') ? renderTable(rows).slice(2) : renderTable(rows)));
            continue;
        }
        const heading = /^#{1,6}\s+(.*)$/.exec(line);
        if (heading) {
            const text = inline(heading[1]);
            out.push(text, line.startsWith('## ') ? '='.repeat(text.length) : '-'.repeat(text.length));
            continue;
        }
        const summary = /^\s*<summary>(.*)<\/summary>\s*$/.exec(line);
        if (summary) {
            out.push(inline(summary[1]));
            continue;
        }
        if (/^\s*<\/?details>\s*$/.test(line))
            continue;
        out.push(inline(line));
    }
    return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The command line (`npx immutable-deploy status|rollback|promote|abort|maintenance --app shop ...`), for
 * when GitHub Actions is down or slow: the same reader (the action's input table, read from flags), the
 * same dispatch and release code, the same records on the engines and clusters as the action. It needs no
 * checkout and no GitHub token; with GITHUB_TOKEN and GITHUB_REPOSITORY it records the GitHub Deployment as
 * the action does. stdout carries only the result (the job summary's tables as text, or --json); the log
 * goes to stderr.
 */










/** Runs the command line; resolves to the exit code (0 done, 1 failed, 2 usage). */
async function cli(argv, env = process.env) {
    // Only the result goes to stdout: anything else that writes there (the toolkit's own messages) goes to stderr.
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = process.stderr.write.bind(process.stderr);
    const print = (text) => void stdout(text);
    let args;
    try {
        args = parseCli(argv, env);
    }
    catch (e) {
        if (!(e instanceof UsageError))
            throw e;
        stderr(`immutable-deploy: ${e.message}\n`);
        return 2;
    }
    if (args === 'help') {
        print(USAGE + '\n');
        return 0;
    }
    const { command, json } = args;
    const log = stderrLog((t) => void stderr(t), env.RUNNER_DEBUG === '1');
    (0,interrupt/* installInterruptHandlers */.cE)((m) => log.warning(m), exec/* killRunning */.wp);
    let report = new summary/* Report */.pl(`immutable-deploy ${command}`);
    let error;
    let app = '';
    let environment = '';
    try {
        const cfg = (0,read/* readConfig */.Xg)(args.get, { mask: secrets/* registerSecret */.cl, warn: (m) => log.warning(m) });
        ({ app, environment } = cfg);
        // The token reached the config; the commands this run starts (a router command, an acceptance command) do not get it.
        delete process.env.GITHUB_TOKEN;
        report = new summary/* Report */.pl(`immutable-deploy ${command}: ${app} in ${environment}`);
        await (0,dispatch.execute)(cfg, report, log);
    }
    catch (err) {
        error = (0,secrets/* redact */.E$)((0,errors/* errorMessage */.gJ)(err));
    }
    finally {
        // What a post step does on the runner: log out of the registries this run logged in to.
        const { post } = await __webpack_require__.e(/* import() */ 337).then(__webpack_require__.bind(__webpack_require__, 7718));
        await post(args.get).catch((e) => log.warning(`Could not log out of a registry: ${(0,errors/* errorMessage */.gJ)(e)}`));
    }
    if (json) {
        const outputs = Object.fromEntries(Object.entries(report.outputs).map(([k, v]) => [k, parsed(v)]));
        print(JSON.stringify({ command, app, environment, ok: error === undefined, ...(error !== undefined ? { error } : {}), outputs }, null, 2) + '\n');
    }
    else {
        print(summaryText(report.markdown()));
    }
    if (error !== undefined) {
        stderr(`immutable-deploy ${command} failed: ${error}\n`);
        return 1;
    }
    return 0;
}
/** An output as JSON when it is JSON (versions, instances), else the string. */
function parsed(value) {
    if (!/^[[{]/.test(value))
        return value;
    try {
        return JSON.parse(value);
    }
    catch {
        return value;
    }
}


/***/ }),

/***/ 2935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   pl: () => (/* binding */ Report),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   wn: () => (/* binding */ commitLink),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony exports duration, timelineSection, escapeCell */
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6894);

class Report {
    title;
    outputs = {};
    sections = [];
    phases = [];
    constructor(title) {
        this.title = title;
    }
    /** Time `fn` as a phase of the run's time line (recorded when it fails too: the time line shows how far it got). */
    async timed(name, fn) {
        const start = Date.now();
        try {
            return await fn();
        }
        finally {
            this.phases.push({ name, start, end: Date.now() });
        }
    }
    output(name, value) {
        this.outputs[name] = (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(value);
    }
    section(markdown) {
        this.sections.push((0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(markdown));
    }
    /** The summary: the title, the run's time line (when it had phases), then the sections in the order they came. */
    markdown() {
        const timeline = this.phases.length > 0 ? [(0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(timelineSection(this.phases))] : [];
        return [`## ${this.title}`, ...timeline, ...this.sections].join('\n\n') + '\n';
    }
}
/** A duration for people: 850 ms, 12.3 s, 2 min 5 s. */
function duration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)} min ${s % 60} s`;
}
/**
 * The phases on a time line: a Mermaid gantt chart (GitHub renders it) and the same numbers as a table.
 * Times are offsets from the run's first phase (dateFormat x: milliseconds), so the axis reads mm:ss.
 */
function timelineSection(phases) {
    const t0 = Math.min(...phases.map((p) => p.start));
    const end = Math.max(...phases.map((p) => p.end));
    // Mermaid task names may not hold ":" or "#" (they end the name or start a comment).
    const name = (p) => `${p.name.replace(/[:#;]/g, ' ')} ${duration(p.end - p.start)}`;
    const chart = [
        '```mermaid',
        'gantt',
        `  title ${duration(end - t0)} in all`,
        '  dateFormat x',
        '  axisFormat %M:%S',
        ...phases.map((p, i) => `  ${name(p)} :p${i}, ${p.start - t0}, ${Math.max(p.end - t0, p.start - t0 + 1)}`),
        '```',
    ].join('\n');
    return `### Time line\n\n${chart}\n\n${table(['phase', 'started at', 'took'], phases.map((p) => [p.name, `+${duration(p.start - t0)}`, duration(p.end - p.start)]))}`;
}
/** Detail folded away (GitHub shows the summary line; a click opens it). */
function details(summary, markdown) {
    return `<details>\n<summary>${summary}</summary>\n\n${markdown}\n\n</details>`;
}
function escapeCell(s) {
    return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
function table(header, rows) {
    const line = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
function codeBlock(text) {
    return '```\n' + text.replace(/```/g, "'''") + '\n```';
}
/** A commit as a markdown link to it on GitHub (plain short sha outside Actions). */
function commitLink(ctx, sha) {
    if (!sha)
        return 'unknown';
    return ctx.repository ? `[${sha.slice(0, 7)}](${ctx.serverUrl}/${ctx.repository}/commit/${sha})` : sha.slice(0, 7);
}


/***/ }),

/***/ 7508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cE: () => (/* binding */ installInterruptHandlers),
/* harmony export */   nA: () => (/* binding */ onInterrupt)
/* harmony export */ });
/* unused harmony export CLEANUP_ORDER */
/** The order an interrupt runs tasks in: traffic away first, then the pools, the lock last. */
const CLEANUP_ORDER = ['route', 'instances', 'lock'];
const tasks = new Set();
let installed = false;
let interrupted = false;
/** Run `task` if the process is interrupted; call the returned function once it is no longer needed. */
function onInterrupt(task, kind) {
    const entry = { task, kind };
    tasks.add(entry);
    return () => {
        tasks.delete(entry);
    };
}
/** The registered tasks in the order an interrupt runs them: by kind (CLEANUP_ORDER), newest first within one. */
function pending() {
    const newestFirst = [...tasks].reverse();
    return CLEANUP_ORDER.flatMap((kind) => newestFirst.filter((e) => e.kind === kind).map((e) => e.task));
}
function installInterruptHandlers(warn, beforeTasks) {
    if (installed)
        return;
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => {
            if (interrupted)
                return;
            interrupted = true;
            warn(`Received ${signal} (run cancelled?): releasing what this run holds before stopping.`);
            beforeTasks();
            const ordered = pending();
            void (async () => {
                for (const task of ordered)
                    await task().catch(() => undefined);
                process.exit(signal === 'SIGINT' ? 130 : 143);
            })();
            // Never hang on cleanup: the runner kills us a few seconds after the signal anyway.
            setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 5000).unref();
        });
    }
}


/***/ }),

/***/ 235:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ debug),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  Gu: () => (/* binding */ getState),
  Os: () => (/* binding */ group),
  pq: () => (/* binding */ info),
  _o: () => (/* binding */ isDebug),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, endGroup, exportVariable, getBooleanInput, getIDToken, getMultilineInput, markdownSummary, notice, platform, setCommandEcho, startGroup, summary, toPlatformPath, toPosixPath, toWin32Path

// EXTERNAL MODULE: external "os"
var external_os_ = __webpack_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "fs"
var external_fs_ = __webpack_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/* no node:crypto: scripts/bundle.mjs */ const file_command_crypto = { randomUUID: () => Array.from({ length: 4 }, () => Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, '0')).join('-') };



function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${file_command_crypto.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __webpack_require__(6928);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return __awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return file_command_issueFileCommand('STATE', file_command_prepareKeyValueMessage(name, value));
    }
    command_issueCommand('save-state', { name }, utils_toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return __awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ })

};

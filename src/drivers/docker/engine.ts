/**
 * One Docker engine, spoken to through its Engine API (not by spawning the CLI): one connection per
 * engine for the whole run, the API version negotiated with the engine on the first call (as the CLI
 * does: the lower of the engine's version and the newest this client is written for).
 *
 * `engineFor(endpoint)` hands out one Engine per endpoint (undefined: the runner's own engine, as
 * DOCKER_HOST / DOCKER_CONTEXT say); a fleet asks it once per target. The transport (docker-modem, and
 * ssh2 for ssh://) is loaded on the first call, as a separate chunk of the bundle.
 *
 * Request bodies (a container's environment, secrets included) are never logged or put in messages:
 * an error names the method, the path and what the engine answered.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { DeployError } from '../../support/errors.js';
import { redact } from '../../support/exec.js';
import { resolveEndpoint, type Endpoint } from './endpoint.js';
import type { Transport } from './transport.js';
import type {
  ContainerInspect,
  ContainerSummary,
  EngineEvent,
  Filters,
  ImageInspect,
  ImageSummary,
  VolumeSummary,
} from './types.js';

/** The newest API version the request bodies here are written for; older engines get their own. */
export const MAX_API_VERSION = '1.47';
/** Docker 19.03. */
export const MIN_API_VERSION = '1.40';

const apiParts = (v: string) => v.split('.').map(Number) as [number, number];
const apiCompare = (a: string, b: string) => apiParts(a)[0] - apiParts(b)[0] || apiParts(a)[1] - apiParts(b)[1];

/** Pure: API version `v` (major.minor) is `least` or newer. */
export function apiAtLeast(v: string, least: string): boolean {
  return apiCompare(v, least) >= 0;
}

/** Pure: the version both sides speak, or undefined when the engine is older than MIN_API_VERSION. */
export function negotiateVersion(engine: string | undefined): string | undefined {
  const v = engine && /^\d+\.\d+$/.test(engine) ? (apiCompare(engine, MAX_API_VERSION) < 0 ? engine : MAX_API_VERSION) : undefined;
  return v && apiAtLeast(v, MIN_API_VERSION) ? v : undefined;
}

/** The engine answered with an error status. */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** An engine call that got no answer in time (a hung engine, a dead connection that was not noticed). */
export class EngineTimeoutError extends DeployError {
  constructor(
    readonly call: string,
    engine: string,
    seconds: number,
  ) {
    super(
      `The Docker engine at ${engine} did not answer ${call} within ${seconds}s: the run stops here.`,
      'The engine (or the connection to it) hangs: look at dockerd on that host (its log, `docker info`, a container stuck in ' +
        'uninterruptible I/O, a full disk), then run again; the next run converges from what it finds.',
    );
    this.name = 'EngineTimeoutError';
  }
}

/** How long one Engine API call may take (its answer read whole), unless the call says otherwise. */
export const CALL_TIMEOUT_SEC = 60;
/** A stop may take its grace period (stop-timeout) and then this much more. */
export const STOP_SLACK_SEC = 30;

/**
 * Tests only (not an action input): IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC shortens the default call
 * timeout, so a test of a hung engine does not wait a minute. Ignored unless it is a positive number.
 */
export function callTimeoutSec(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env['IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC']);
  return n > 0 ? n : CALL_TIMEOUT_SEC;
}

/** Pure: the call as an error names it: method and path, ids kept (they say which container). */
export function callName(method: string, path: string): string {
  return `${method} ${path}`;
}

export const isStatus = (err: unknown, status: number): boolean => err instanceof EngineError && err.status === status;

const ALL_STATUSES = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i + 100, true]));

type Query = Record<string, string | number | boolean | Filters | undefined>;

interface Request {
  query?: Query;
  body?: unknown;
  /** A tar archive (PUT /containers/{id}/archive). */
  tar?: Buffer;
  signal?: AbortSignal;
  /** Ask without the version prefix (GET /version, before negotiation). */
  unversioned?: boolean;
  /** A stream that stays open (events): over the transport's stream connection. No timeout: `signal` ends it. */
  stream?: boolean;
  /** How long the call may take, its answer read whole (default: callTimeoutSec()). */
  timeoutSec?: number;
}

/** Where each call's line goes when the run is traced (debug logging): method, path, status, milliseconds. */
let trace: ((line: string) => void) | undefined;

/** Trace every engine call (never a body) to `to`; undefined stops. */
export function traceEngines(to: ((line: string) => void) | undefined): void {
  trace = to;
}

const readBody = (res: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString()));
    res.on('error', reject);
  });

export class Engine {
  private transport: Promise<Transport> | undefined;
  private prefix: Promise<string> | undefined;
  /** Engine clock minus ours, from the Date header of its last answer. */
  private skewMs = 0;

  constructor(readonly endpoint: Endpoint) {}

  /** For people: the endpoint as written (unix:///var/run/docker.sock, ssh://deploy@web1, ...). */
  get name(): string {
    return this.endpoint.name;
  }

  /** The engine's clock (to about a second): leases are judged by it, so runners' clocks do not matter. */
  now(): Date {
    return new Date(Date.now() + this.skewMs);
  }

  private unreachable(err: Error): DeployError {
    return new DeployError(
      `Could not reach the Docker engine at ${this.name}: ${redact(err.message)}`,
      'Check DOCKER_HOST / DOCKER_CONTEXT (or the target) and that dockerd runs there and lets this runner in.',
    );
  }

  private async open(): Promise<Transport> {
    const current = this.transport;
    if (current) {
      const t = await current.catch(() => undefined);
      // A connection that dropped (an ssh connection closed by the host or the network) is opened again.
      if (t?.alive && !t.alive() && this.transport === current) {
        t.close();
        this.transport = undefined;
        this.reconnects++;
      }
    }
    this.transport ??= import('./transport.js')
      .then((t) => t.openTransport(this.endpoint))
      .then((t) => {
        if (t.via) trace?.(`engine ${this.name}: reached through ${t.via}`);
        return t;
      });
    return this.transport;
  }

  /** How often the connection was opened again after it dropped (for tests and the trace). */
  reconnects = 0;

  /**
   * `read` over the answer to one request, within the call's timeout: when it passes, the request is
   * aborted and an EngineTimeoutError names the call. A GET that failed because the connection dropped is
   * sent once more over a new connection.
   */
  private async exchange<T>(method: string, path: string, r: Request, read: (res: IncomingMessage) => Promise<T>): Promise<T> {
    const seconds = r.timeoutSec ?? callTimeoutSec();
    const abort = new AbortController();
    const signal = r.signal ? AbortSignal.any([r.signal, abort.signal]) : abort.signal;
    let res: IncomingMessage | undefined;
    let timer: NodeJS.Timeout | undefined;
    const attempt = async () => {
      res = await this.send(method, path, { ...r, signal });
      return read(res);
    };
    const work = (async () => {
      try {
        return await attempt();
      } catch (err) {
        if (signal.aborted || (method !== 'GET' && method !== 'HEAD') || !(await this.dropped())) throw err;
        return attempt();
      }
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        res?.destroy();
        reject(new EngineTimeoutError(callName(method, path), this.name, seconds));
      }, seconds * 1000);
      timer.unref?.();
    });
    work.catch(() => undefined);
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when the connection is known to have dropped (the next call opens a new one). */
  private async dropped(): Promise<boolean> {
    const t = await this.transport?.catch(() => undefined);
    return !!t?.alive && !t.alive();
  }

  private version(): Promise<string> {
    this.prefix ??= (async () => {
      // As the CLI does: the engine's API version from the Api-Version header of /_ping (the cheapest
      // call there is: /version gathers host facts), /version only for an engine that sends no header.
      const ping = await this.send('HEAD', '/_ping', { unversioned: true });
      ping.resume();
      let api = ping.headers['api-version'] as string | undefined;
      let release: string | undefined;
      if (!api) ({ ApiVersion: api, Version: release } = await this.json<{ ApiVersion?: string; Version?: string }>('GET', '/version', { unversioned: true }));
      const agreed = negotiateVersion(api);
      if (!agreed)
        throw new DeployError(
          `The Docker engine at ${this.name} is too old (${release ? `Docker ${release}, ` : ''}API ${api ?? '?'}); this action needs API ${MIN_API_VERSION} or newer.`,
          'Upgrade Docker on that host (19.03 or newer).',
        );
      return `/v${agreed}`;
    })();
    // A failed negotiation is asked again by the next call (the engine may have been starting).
    this.prefix.catch(() => (this.prefix = undefined));
    return this.prefix;
  }

  /**
   * Opens the connection and agrees on the API version now, without waiting: the first real call then
   * finds both done (start-up loads the release code meanwhile). A failure shows at that call.
   */
  warm(): void {
    this.version().catch(() => undefined);
  }

  /** Sends one request; resolves with the response stream, whatever its status. */
  async send(method: string, path: string, r: Request = {}): Promise<IncomingMessage> {
    let transport: Transport;
    try {
      transport = await this.open();
    } catch (err) {
      this.transport = undefined;
      throw err instanceof DeployError ? err : this.unreachable(err as Error);
    }
    const prefix = r.unversioned ? '' : await this.version();
    const started = trace && performance.now();
    const query = Object.fromEntries(Object.entries(r.query ?? {}).filter(([, v]) => v !== undefined));
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      (r.stream ? transport.streams : transport.modem).dial(
        {
          path: `${prefix}${path}?`,
          method,
          // docker-modem builds the query string (JSON for filters) and the JSON body; `{}` means no body.
          options: { _query: query, _body: r.body ?? {} },
          ...(r.tar ? { file: r.tar } : {}),
          ...(r.signal ? { abortSignal: r.signal } : {}),
          isStream: true,
          statusCodes: ALL_STATUSES,
        },
        (err, result) => (err ? reject(r.signal?.aborted ? err : this.unreachable(err)) : resolve(result as IncomingMessage)),
      ),
    );
    const date = res.headers.date ? Date.parse(res.headers.date) : NaN;
    // The Date header has whole seconds: the engine's clock is half a second past it on average.
    if (!Number.isNaN(date)) this.skewMs = date + 500 - Date.now();
    if (trace && started !== undefined) {
      const line = `engine ${this.name}: ${method} ${prefix}${path} -> ${res.statusCode} in ${(performance.now() - started).toFixed(1)} ms`;
      const t = trace;
      // A stream (logs, events) is done when it ends; a plain answer when its body is read (json()).
      res.once('end', () => t(`${line} (body ${(performance.now() - started).toFixed(1)} ms)`));
    }
    return res;
  }

  /** One request whose answer is JSON (or empty); a status of 400 or more throws an EngineError. */
  async json<T>(method: string, path: string, r: Request = {}): Promise<T> {
    const { res, text } = await this.exchange(method, path, r, async (res) => ({ res, text: await readBody(res) }));
    const status = res.statusCode ?? 0;
    if (status >= 400) {
      let message = text.trim();
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // not JSON: the text as it is
      }
      throw new EngineError(status, redact(`${method} ${path} on ${this.name}: ${message || `HTTP ${status}`}`));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Like json(), but a 404 is undefined. */
  private async found<T>(method: string, path: string, r: Request = {}): Promise<T | undefined> {
    try {
      return await this.json<T>(method, path, r);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  close(): void {
    const t = this.transport;
    this.transport = undefined;
    this.prefix = undefined;
    void t?.then((x) => x.close()).catch(() => undefined);
  }

  // ---- containers

  listContainers(filters: Filters): Promise<ContainerSummary[]> {
    return this.json('GET', '/containers/json', { query: { all: true, filters } });
  }

  inspectContainer(id: string): Promise<ContainerInspect | undefined> {
    return this.found('GET', `/containers/${encodeURIComponent(id)}/json`);
  }

  async createContainer(name: string, body: unknown): Promise<string> {
    return (await this.json<{ Id: string }>('POST', '/containers/create', { query: { name }, body })).Id;
  }

  async startContainer(id: string): Promise<void> {
    await this.json('POST', `/containers/${encodeURIComponent(id)}/start`);
  }

  /** SIGTERM, then SIGKILL after `seconds`. A container already stopped or gone is fine. */
  async stopContainer(id: string, seconds: number): Promise<void> {
    await this.found('POST', `/containers/${encodeURIComponent(id)}/stop`, { query: { t: seconds }, timeoutSec: seconds + STOP_SLACK_SEC });
  }

  /** Force-removes a container and its anonymous volumes; a container already gone is fine. */
  async removeContainer(id: string): Promise<void> {
    try {
      await this.json('DELETE', `/containers/${encodeURIComponent(id)}`, { query: { force: true, v: true } });
    } catch (err) {
      if (isStatus(err, 404)) return;
      if (!isStatus(err, 409)) throw err;
      // Another call is removing it (a cancelled run's cleanup beside its failure path): it is gone only
      // when that removal ends, so wait for it, as `docker rm` does.
      await this.found('POST', `/containers/${encodeURIComponent(id)}/wait`, { query: { condition: 'removed' } }).catch(() => undefined);
    }
  }

  /** Waits until the container stops (at most `timeoutSec`) and answers its exit code. */
  async waitContainer(id: string, timeoutSec: number): Promise<number> {
    const r = await this.json<{ StatusCode: number }>('POST', `/containers/${encodeURIComponent(id)}/wait`, { timeoutSec });
    return r.StatusCode;
  }

  /** SIGKILL at once (a container already stopped or gone is fine). */
  async killContainer(id: string): Promise<void> {
    try {
      await this.json('POST', `/containers/${encodeURIComponent(id)}/kill`);
    } catch (err) {
      if (!isStatus(err, 404) && !isStatus(err, 409)) throw err;
    }
  }

  async updateContainer(id: string, body: unknown): Promise<void> {
    await this.json('POST', `/containers/${encodeURIComponent(id)}/update`, { body });
  }

  async renameContainer(id: string, name: string): Promise<void> {
    await this.json('POST', `/containers/${encodeURIComponent(id)}/rename`, { query: { name } });
  }

  /** The last `tail` lines of a container's output, stdout and stderr interleaved as written. */
  logs(id: string, tail: number): Promise<string> {
    return this.exchange('GET', `/containers/${encodeURIComponent(id)}/logs`, { query: { stdout: true, stderr: true, tail } }, (res) => this.readLogs(res));
  }

  /**
   * A container's output as it comes (stdout and stderr interleaved, redacted per chunk by the caller's
   * line buffer), from its start until it stops or `signal` aborts. Resolves when the stream ends.
   */
  async followLogs(id: string, write: (chunk: Buffer) => void, signal: AbortSignal): Promise<void> {
    let res: IncomingMessage;
    try {
      res = await this.send('GET', `/containers/${encodeURIComponent(id)}/logs`, { query: { stdout: true, stderr: true, follow: true }, signal, stream: true });
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    }
    if ((res.statusCode ?? 0) >= 400) throw new EngineError(res.statusCode ?? 0, `GET /containers/${id}/logs on ${this.name}: ${(await readBody(res)).trim()}`);
    const transport = await this.open();
    const { Writable } = process.getBuiltinModule('node:stream');
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        write(chunk);
        done();
      },
    });
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        res.destroy();
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      transport.modem.demuxStream(res, sink, sink);
      res.on('end', resolve);
      res.on('close', resolve);
      res.on('error', () => resolve());
    });
  }

  private async readLogs(res: IncomingMessage): Promise<string> {
    if ((res.statusCode ?? 0) >= 400) return (await readBody(res)).trim();
    const transport = await this.open();
    const chunks: Buffer[] = [];
    // node:stream only when logs are read: not at the action's start-up.
    const { Writable } = process.getBuiltinModule('node:stream');
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    await new Promise<void>((resolve, reject) => {
      // Without a TTY the engine multiplexes stdout and stderr in frames; docker-modem takes them apart.
      transport.modem.demuxStream(res, sink, sink);
      res.on('end', resolve);
      res.on('error', reject);
    });
    return redact(Buffer.concat(chunks).toString());
  }

  /**
   * Resolves with the first engine event that matches `filters` since `since` (engine time; events
   * from then on are replayed, so none is missed between a check and this wait), or undefined when
   * `signal` aborts first.
   */
  async nextEvent(filters: Filters, since: Date, signal: AbortSignal, accept: (e: EngineEvent) => boolean = () => true): Promise<EngineEvent | undefined> {
    if (signal.aborted) return undefined;
    let res: IncomingMessage;
    try {
      res = await this.send('GET', '/events', { query: { since: Math.floor(since.getTime() / 1000), filters }, signal, stream: true });
    } catch (err) {
      if (signal.aborted) return undefined;
      throw err;
    }
    if ((res.statusCode ?? 0) >= 400) throw new EngineError(res.statusCode ?? 0, `GET /events on ${this.name}: ${await readBody(res)}`);
    return new Promise((resolve, reject) => {
      let buffer = '';
      const done = (e: EngineEvent | undefined) => {
        signal.removeEventListener('abort', onAbort);
        res.destroy();
        resolve(e);
      };
      const onAbort = () => done(undefined);
      signal.addEventListener('abort', onAbort);
      res.on('data', (c: Buffer) => {
        buffer += c.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          const e = line.trim() ? (JSON.parse(line) as EngineEvent) : undefined;
          if (e && accept(e)) return done(e);
        }
      });
      res.on('error', (err) => (signal.aborted ? done(undefined) : reject(err)));
      res.on('end', () => done(undefined));
    });
  }

  // ---- volumes (flip records and the deploy lock are labelled volumes: created atomically, listed by label, no image held)

  /** Creates a volume, or answers with the one of that name that exists (its labels as they were). */
  createVolume(name: string, labels: Record<string, string>): Promise<VolumeSummary> {
    return this.json('POST', '/volumes/create', { body: { Name: name, Labels: labels } });
  }

  /** One volume, or undefined when there is none of that name. */
  inspectVolume(name: string): Promise<VolumeSummary | undefined> {
    return this.found('GET', `/volumes/${encodeURIComponent(name)}`);
  }

  async listVolumes(filters: Filters): Promise<VolumeSummary[]> {
    return (await this.json<{ Volumes: VolumeSummary[] | null }>('GET', '/volumes', { query: { filters } })).Volumes ?? [];
  }

  /** A volume already gone is fine. */
  async removeVolume(name: string): Promise<void> {
    await this.found('DELETE', `/volumes/${encodeURIComponent(name)}`, { query: { force: true } });
  }

  /** Removes the unused volumes that match `filters` (named ones too) in one call of the engine's own. */
  async pruneVolumes(filters: Filters): Promise<void> {
    // From API 1.42 a prune spares named volumes unless asked with all=true; 1.41 and older know no such filter.
    const all: Filters = apiAtLeast((await this.version()).slice(2), '1.42') ? { all: ['true'] } : {};
    await this.json('POST', '/volumes/prune', { query: { filters: { ...filters, ...all } } });
  }

  // ---- images

  inspectImage(ref: string): Promise<ImageInspect | undefined> {
    return this.found('GET', `/images/${encodeURIComponent(ref)}/json`);
  }

  listImages(filters: Filters): Promise<ImageSummary[]> {
    return this.json('GET', '/images/json', { query: { filters } });
  }

  /** Removes one tag (the image goes with its last tag). False when the engine refuses (in use). */
  async removeImage(ref: string): Promise<boolean> {
    try {
      await this.json('DELETE', `/images/${encodeURIComponent(ref)}`);
      return true;
    } catch (err) {
      if (err instanceof EngineError) return false;
      throw err;
    }
  }
}

const engines = new Map<string, Engine>();

const readText = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The Engine for an endpoint (a URL or a context name; undefined: the runner's own engine, from
 * DOCKER_HOST / DOCKER_CONTEXT), one per endpoint for the whole run.
 */
export function engineFor(endpoint?: string): Engine {
  const key = endpoint ?? '';
  let e = engines.get(key);
  if (!e) {
    e = new Engine(resolveEndpoint(endpoint, process.env, readText));
    engines.set(key, e);
  }
  return e;
}

/** Closes every engine's connection (at the end of the run, so nothing keeps the process alive). */
export function closeEngines(): void {
  for (const e of engines.values()) e.close();
  engines.clear();
}

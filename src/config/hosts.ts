/**
 * The `hosts` input: the Docker engines of a fleet, one per line, `<endpoint> [<address>] [router=<socket>]`.
 * The endpoint is what DOCKER_HOST accepts (ssh://user@host[:port], tcp://host:port, unix:///path); the
 * address is where the balancer reaches that host's instances (they are published on it): default the
 * endpoint's host when it is an IP address, required otherwise. `router=` gives the host a balancer of its own
 * (a fleet whose hosts each run their proxy, behind a cloud or DNS balancer): the runtime API socket of the
 * HAProxy on that host, an absolute path reached through the host's ssh connection (stream-local forwarding;
 * ssh:// endpoints; a unix:// endpoint is this machine, so the path is local), or a host:port the runner
 * connects to. Fields are told apart by their form: `key=value` is a field, anything else the address. Pure.
 */
import type { HostEntry } from './types.js';

/** node:net only when a host line is checked: the action's start-up loads no networking module (docs/benchmarks.md). */
const isIP = (s: string): number => process.getBuiltinModule('node:net').isIP(s);

/** The host part of an ssh:// or tcp:// endpoint (IPv6 without brackets), or undefined for unix://. */
export function endpointHost(endpoint: string): string | undefined {
  const m = /^(?:ssh|tcp):\/\/(?:[^@/]+@)?(\[[^\]]+\]|[^:/]+)(?::\d+)?\/?$/.exec(endpoint);
  return m ? m[1]!.replace(/^\[|\]$/g, '') : undefined;
}

/** A hosts line in its parts: the endpoint, the address (when written), the fields (`key=value`). Pure. */
export function splitHostLine(line: string): { endpoint: string; plain: string[]; fields: [string, string][] } {
  const [endpoint, ...rest] = line.trim().split(/\s+/) as [string, ...string[]];
  const fields: [string, string][] = [];
  const plain: string[] = [];
  for (const w of rest) {
    const m = /^([a-z][a-z-]*)=(.*)$/.exec(w);
    if (m) fields.push([m[1]!, m[2]!]);
    else plain.push(w);
  }
  return { endpoint, plain, fields };
}

/** Why a `router=` value of a hosts line with this endpoint is not accepted, or undefined. */
function routerProblem(endpoint: string, socket: string): string | undefined {
  if (socket === '') return 'router= needs the socket of the balancer on that host: an absolute path (e.g. router=/run/haproxy/admin.sock) or host:port';
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
export function hostLineProblem(line: string): string | undefined {
  const { endpoint, plain, fields } = splitHostLine(line);
  if (plain.length > 1) return 'one endpoint, at most one address and router=<socket> per line';
  for (const [key, value] of fields) {
    if (key !== 'router') return `${key}= is not a field of a hosts line (the one field is router=<socket>)`;
    const problem = routerProblem(endpoint, value);
    if (problem) return problem;
  }
  if (fields.length > 1) return 'router= is given twice';
  const address = plain[0];
  if (!/^(ssh|tcp|unix):\/\//.test(endpoint)) return `the endpoint ${JSON.stringify(endpoint)} is not ssh://, tcp:// or unix://`;
  const host = endpointHost(endpoint);
  if (!endpoint.startsWith('unix://') && host === undefined)
    return `the endpoint ${JSON.stringify(endpoint)} is not <scheme>://[user@]host[:port]`;
  if (endpoint.startsWith('unix://') && endpoint.length <= 'unix://'.length) return 'a unix:// endpoint needs a socket path';
  if (address !== undefined) {
    if (isIP(address) === 0) return `the address ${JSON.stringify(address)} is not an IP address (the balancer reaches instances by IP)`;
    if (/^(0\.0\.0\.0|[0:]+)$/.test(address)) return `the address ${address} names no host: give the address the balancer reaches this host on`;
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
export function parseHosts(lines: string[]): HostEntry[] {
  const out: HostEntry[] = [];
  for (const line of lines) {
    const { endpoint, plain, fields } = splitHostLine(line);
    if (out.some((h) => h.endpoint === endpoint)) throw new Error(`${endpoint} is listed twice`);
    const router = fields.find(([k]) => k === 'router')?.[1];
    out.push({ endpoint, address: plain[0] ?? endpointHost(endpoint)!, ...(router !== undefined ? { router } : {}) });
  }
  const with_ = out.filter((h) => h.router !== undefined);
  if (with_.length > 0 && with_.length < out.length)
    throw new Error(
      `router= is given on ${with_.map((h) => h.endpoint).join(', ')} but not on ${out.filter((h) => h.router === undefined).map((h) => h.endpoint).join(', ')}: ` +
        'either every host has its own balancer (router= on every line) or none has (the router inputs name the one balancer)',
    );
  return out;
}

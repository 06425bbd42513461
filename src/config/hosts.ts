/**
 * The `hosts` input: the Docker engines of a fleet, one per line, `<endpoint> [<address>]`. The endpoint
 * is what DOCKER_HOST accepts (ssh://user@host[:port], tcp://host:port, unix:///path); the address is
 * where the balancer reaches that host's instances (they are published on it): default the endpoint's
 * host when it is an IP address, required otherwise. Pure.
 */
import type { HostEntry } from './types.js';

/** node:net only when a host line is checked: the action's start-up loads no networking module (docs/benchmarks.md). */
const isIP = (s: string): number => process.getBuiltinModule('node:net').isIP(s);

/** The host part of an ssh:// or tcp:// endpoint (IPv6 without brackets), or undefined for unix://. */
export function endpointHost(endpoint: string): string | undefined {
  const m = /^(?:ssh|tcp):\/\/(?:[^@/]+@)?(\[[^\]]+\]|[^:/]+)(?::\d+)?\/?$/.exec(endpoint);
  return m ? m[1]!.replace(/^\[|\]$/g, '') : undefined;
}

/** Why one `hosts` line is not accepted, or undefined. */
export function hostLineProblem(line: string): string | undefined {
  const words = line.split(/\s+/);
  if (words.length > 2) return 'one endpoint and at most one address per line';
  const [endpoint, address] = words as [string, string | undefined];
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

/** Lines already checked by hostLineProblem -> specs; the same endpoint twice is refused. */
export function parseHosts(lines: string[]): HostEntry[] {
  const out: HostEntry[] = [];
  for (const line of lines) {
    const [endpoint, address] = line.split(/\s+/) as [string, string | undefined];
    if (out.some((h) => h.endpoint === endpoint)) throw new Error(`${endpoint} is listed twice`);
    out.push({ endpoint, address: address ?? endpointHost(endpoint)! });
  }
  return out;
}

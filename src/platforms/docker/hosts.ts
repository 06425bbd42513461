/** The targets of a run on Docker engines: the `hosts` input (parsed in src/config/hosts.ts), or the runner's own engine. */
import type { HostEntry } from '../../config/types.js';

export { endpointHost, hostLineProblem, parseHosts } from '../../config/hosts.js';
import type { Target } from '../types.js';

/** The runner's own engine as a target, with instances published on `address`. */
export function localTarget(address: string): Target {
  return { name: 'local', endpoint: undefined, address };
}

/** The targets of a run: the `hosts`, or the runner's own engine publishing on `upstream-host`. */
export function targetsOf(hosts: HostEntry[], upstreamHost: string): Target[] {
  if (hosts.length === 0) return [localTarget(upstreamHost)];
  return hosts.map((h) => ({ name: h.endpoint, endpoint: h.endpoint, address: h.address }));
}

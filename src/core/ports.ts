/**
 * Choosing the host port an instance is published on. Docker's own choice (`--publish host::port`)
 * is made again on every start, so a restarted container comes back on another port and the balancer
 * points at a dead one. The action picks the port once, at launch, from `port-range`, and publishes it
 * explicitly (`host:port:containerPort`): Docker then binds the same port on every restart of the
 * container, of dockerd and of the host. Pure; the Docker platform gathers what is in use
 * (src/platforms/docker/ports.ts).
 */

export interface PortRange {
  from: number;
  to: number;
}

export const DEFAULT_PORT_RANGE: PortRange = { from: 20000, to: 29999 };

/** `20000-29999` or a single port `20500`; undefined when it is not a range of valid ports. */
export function parsePortRange(text: string): PortRange | undefined {
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (from < 1 || to > 65535 || from > to) return undefined;
  return { from, to };
}

export function formatPortRange(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

/**
 * A free port of `range`, starting the search at a random place in it (so that two runs launching
 * at the same time on one engine rarely try the same port), or undefined when every port is used.
 */
export function pickPort(range: PortRange, used: ReadonlySet<number>, random: () => number = Math.random): number | undefined {
  const size = range.to - range.from + 1;
  const start = Math.floor(random() * size) % size;
  for (let i = 0; i < size; i++) {
    const port = range.from + ((start + i) % size);
    if (!used.has(port)) return port;
  }
  return undefined;
}

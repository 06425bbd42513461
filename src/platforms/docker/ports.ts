/** What holds host ports on a Docker engine and its host, and what Docker says when one is taken. Pure. */

/**
 * Host ports in LISTEN state in the text of /proc/net/tcp or /proc/net/tcp6
 * (`sl local_address rem_address st ...`, addresses as hex `ADDR:PORT`, state 0A = LISTEN).
 */
export function listeningPorts(procNetTcp: string): number[] {
  const out: number[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || f[3] !== '0A') continue;
    const port = parseInt(f[1]!.split(':').pop() ?? '', 16);
    if (port > 0) out.push(port);
  }
  return out;
}

/** Host ports named by a container's `HostConfig.PortBindings` (explicit bindings it claims on every start). */
export function boundPorts(bindings: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined): number[] {
  const out: number[] = [];
  for (const list of Object.values(bindings ?? {}))
    for (const b of list ?? []) {
      const port = Number(b.HostPort);
      if (Number.isInteger(port) && port > 0) out.push(port);
    }
  return out;
}

/** Docker refused the port because something else holds it (another container, or a process on the host). */
export function isPortConflict(stderr: string): boolean {
  return /port is already allocated|address already in use|bind: .*in use/i.test(stderr);
}

/**
 * Whether the Docker engine runs on this machine (so its host ports are this machine's ports):
 * no DOCKER_HOST, or a unix socket, and no other context than the default one.
 */
export function engineIsLocal(env: Record<string, string | undefined>): boolean {
  const host = env['DOCKER_HOST'] ?? '';
  const context = env['DOCKER_CONTEXT'] ?? '';
  return (host === '' || host.startsWith('unix://')) && (context === '' || context === 'default');
}

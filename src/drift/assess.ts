/**
 * Drift: has a running instance become a snowflake? Pure: the facts about one instance come in (what
 * the engine says about its image, filesystem changes and exec sessions), a verdict goes out.
 */

/** One entry of `docker container diff` (GET /containers/{id}/changes): Kind 0 changed, 1 added, 2 deleted. */
export interface FsChange {
  Path: string;
  Kind: 0 | 1 | 2;
}

export interface ExecSession {
  id: string;
  running: boolean;
  /** The command: entrypoint then arguments. */
  argv: string[];
}

export interface DriftFacts {
  /** The image id the container runs (its `Image`). */
  imageId: string;
  /** RepoDigests of that image (`repo@sha256:...`), when it is still on the host. */
  repoDigests: string[];
  changes: FsChange[];
  execs: ExecSession[];
  /** Config.Healthcheck.Test of the container: the engine runs it as exec sessions of its own. */
  healthcheck: string[] | undefined;
  /** Where tmpfs mounts and volumes are mounted: writable by design (the engine may create their mount points in the container's layer). */
  mounts: string[];
  /**
   * How often the instance's process was restarted since it was verified, where the platform tells
   * (Kubernetes: the container's restartCount): what runs is not the process that was verified.
   */
  restarts?: number | undefined;
}

export interface Expected {
  /** What the instance was started from (label): an image id or `repo@sha256:...`. */
  image: string;
  /** The version's digest (label): a manifest digest or the image id. */
  digest: string;
  writablePaths: string[];
}

export interface InstanceDrift {
  instance: string;
  drifted: boolean;
  /** Set when the image it runs is not the digest that was deployed. */
  image?: string;
  /** Filesystem changes outside the writable paths, as `A /path` (added), `C /path` (changed), `D /path` (deleted). */
  changed: string[];
  /** Open `docker exec` sessions (not the engine's own health probes): `<id 12> <command>`. */
  execSessions: string[];
  /** Restarts of its process since it was verified (platforms that tell). */
  restarts?: number;
}

const KIND = ['C', 'A', 'D'] as const;

const normal = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);
const within = (path: string, dir: string): boolean => {
  const d = normal(dir);
  return d === '/' || path === d || path.startsWith(`${d}/`);
};

/**
 * The changes that count: outside every writable path, and without the `C` entries of directories
 * that only changed because something below them did (docker diff reports each parent as changed).
 */
export function countedChanges(changes: FsChange[], writablePaths: string[]): string[] {
  const paths = changes.map((c) => normal(c.Path));
  return changes
    .filter((c, n) => {
      const p = paths[n]!;
      if (writablePaths.some((w) => within(p, w))) return false;
      if (c.Kind === 0 && paths.some((q, m) => m !== n && q.startsWith(p === '/' ? '/' : `${p}/`))) return false;
      return true;
    })
    .map((c) => `${KIND[c.Kind] ?? '?'} ${normal(c.Path)}`);
}

/** The argv the engine execs for a HEALTHCHECK test: CMD a b -> [a, b]; CMD-SHELL s -> [/bin/sh, -c, s]. */
export function healthcheckArgv(test: string[] | undefined): string[] | undefined {
  if (!test || test.length < 2) return undefined;
  if (test[0] === 'CMD') return test.slice(1);
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test[1]!];
  return undefined;
}

function sameImage(facts: DriftFacts, expected: Expected): boolean {
  if (facts.imageId === expected.image || facts.imageId === expected.digest) return true;
  return facts.repoDigests.some((r) => r === expected.image || r.endsWith(`@${expected.digest}`));
}

export function assessDrift(instance: string, facts: DriftFacts, expected: Expected): InstanceDrift {
  const probe = healthcheckArgv(facts.healthcheck)?.join(' ');
  const execSessions = facts.execs
    .filter((e) => e.running && e.argv.join(' ') !== probe)
    .map((e) => `${e.id.slice(0, 12)} ${e.argv.join(' ')}`);
  const changed = countedChanges(facts.changes, [...expected.writablePaths, ...facts.mounts]);
  const image = sameImage(facts, expected) ? undefined : `runs ${facts.imageId}, not the deployed ${expected.image}`;
  const restarts = facts.restarts ?? 0;
  return {
    instance,
    drifted: image !== undefined || changed.length > 0 || execSessions.length > 0 || restarts > 0,
    ...(image ? { image } : {}),
    changed,
    execSessions,
    ...(restarts > 0 ? { restarts } : {}),
  };
}

/** One line for a person: what drifted in an instance. */
export function describeDrift(d: InstanceDrift): string {
  const parts: string[] = [];
  if (d.image) parts.push(`its image changed (${d.image})`);
  if (d.changed.length) parts.push(`its filesystem changed: ${d.changed.join(', ')}`);
  if (d.execSessions.length) parts.push(`docker exec session(s) open: ${d.execSessions.join('; ')}`);
  if (d.restarts) parts.push(`its process restarted ${d.restarts} time(s) since it was verified`);
  return `${d.instance}: ${parts.join('; ') || 'no drift'}`;
}

/** The parts of the Docker Engine API's answers that this action reads (API 1.40 and later). */

/** GET /containers/json: one call answers for every container that matches the filters. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  Labels: Record<string, string> | null;
  /** created, running, restarting, paused, exited, removing, dead */
  State: string;
  /** "Up 2 minutes (healthy)", "Exited (3) 5 seconds ago", "Restarting (1) 2 seconds ago", ... */
  Status: string;
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] | null;
}

/** GET /containers/{id}/json */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  RestartCount: number;
  State: { Running: boolean; Restarting: boolean; ExitCode: number; Health?: { Status: string } };
  Config: { Labels: Record<string, string> | null };
  /** The explicit port bindings it was created with (bound again on every start; present while it is stopped). */
  HostConfig?: { PortBindings?: Record<string, { HostIp: string; HostPort: string }[] | null> | null };
  NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null };
}

/** GET /images/{name}/json */
export interface ImageInspect {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: string;
  /** Bytes of all layers. */
  Size?: number;
  Config: {
    Labels: Record<string, string> | null;
    Healthcheck?: { Test?: string[] } | null;
    User?: string;
    Env?: string[] | null;
  };
}

/** GET /images/json */
export interface ImageSummary {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  /** Unix seconds. */
  Created: number;
  Labels: Record<string, string> | null;
}

/** One volume in GET /volumes (and the answer of POST /volumes/create). */
export interface VolumeSummary {
  Name: string;
  Labels: Record<string, string> | null;
  /** RFC 3339, whole seconds (the local driver). */
  CreatedAt?: string;
}

/** One message of GET /events. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  time: number;
  /** Nanoseconds (more than a double holds exactly: good to a fraction of a microsecond). */
  timeNano?: number;
}

/** Filters as the API takes them: each key any of its values (`label` values are `key=value`). */
export type Filters = Record<string, string[]>;

/**
 * Which balancer serves the app and how to reach it: part of the run specification a version is recorded with
 * (src/core/model.ts RunSpec), read from the inputs by src/config/. Never a credential (see src/core/run-spec.ts).
 */
export interface NginxRouterConfig {
  kind: 'nginx';
  /**
   * njs mode: the routes file that share/nginx/immutable-deploy.js reads on every request (switches and
   * weights without reloads). undefined: the upstream file + reload mode below.
   */
  routesFile?: string | undefined;
  /** Reload mode: the file holding the upstream block ('' in njs mode). */
  upstreamFile: string;
  upstreamName: string;
  testCommand: string[];
  reloadCommand: string[];
  /** nginx's pid file, to confirm the reload took effect. Unset: the only nginx master process found in /proc. */
  pidFile?: string | undefined;
}
export interface HaproxyRouterConfig {
  kind: 'haproxy';
  /** A unix socket path or host:port of the runtime API. */
  socket: string;
  backend: string;
  server: string;
  /** Optional file where the current server address is also written, for `server-state-file`/restarts. */
  stateFile: string | undefined;
}
export interface CaddyRouterConfig {
  kind: 'caddy';
  adminUrl: string;
  upstreamId: string;
}
export interface CommandRouterConfig {
  kind: 'command';
  command: string;
}
export type RouterConfig =
  | { kind: 'none' }
  | NginxRouterConfig
  | HaproxyRouterConfig
  | CaddyRouterConfig
  | CommandRouterConfig;

/**
 * Where instances run. Docker now (local engine, or DOCKER_HOST / DOCKER_CONTEXT, including ssh://);
 * an interface, so Kubernetes or ECS can be added later.
 */
import type { Target } from '../routers/types.js';

/** Immutable facts about an instance, recorded as labels when it starts. */
export interface InstanceLabels {
  app: string;
  environment: string;
  version: string;
  /** Manifest digest when pushed, else the image id. */
  digest: string;
  /** What the container was started from: an image id or `repo@sha256:...`, never a moving tag. */
  image: string;
  revision: string;
  deployedAt: string;
  runUrl: string;
}

export interface Instance extends InstanceLabels {
  id: string;
  name: string;
  /** Passed verification (health + acceptance). Candidates that a killed run left behind are not. */
  verified: boolean;
  running: boolean;
  restarting: boolean;
  exitCode: number;
  restartCount: number;
  /** Docker HEALTHCHECK status, when the image declares one. */
  health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  target: Target | undefined;
}

export interface LaunchSpec extends InstanceLabels {
  containerPort: number;
  publishHost: string;
  env: Record<string, string>;
  secretEnv: Record<string, string>;
  network?: string | undefined;
  memory?: string | undefined;
  cpus?: string | undefined;
  restart: string;
  readOnly?: boolean | undefined;
  tmpfs?: string[] | undefined;
}

export interface Runtime {
  launch(spec: LaunchSpec): Promise<Instance>;
  /** All instances of the app in the environment, running or not. */
  list(app: string, environment: string): Promise<Instance[]>;
  inspect(id: string): Promise<Instance>;
  /** Mark an instance as verified (it may then serve traffic and be kept warm) and give it its restart policy. */
  markVerified(instance: Instance, restart: string): Promise<Instance>;
  logs(id: string, lines: number): Promise<string>;
  /** Stop gracefully (SIGTERM, then SIGKILL after `graceSec`) and remove. */
  retire(ids: string[], graceSec: number): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

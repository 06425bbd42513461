/**
 * Image operations. Inspecting goes to the Engine API; what talks to a registry (login, push, pull,
 * manifest inspect) and the buildx probe keep the docker CLI: it owns the credential store and
 * credential helpers (~/.docker/config.json, docker-credential-*), and pushing through the API would
 * mean reading those ourselves. The CLI is pointed at the same engine (DOCKER_HOST / DOCKER_CONTEXT).
 */
import { DeployError } from '../../support/errors.js';
import { run, type RunOptions, type Runner } from '../../support/exec.js';
import * as argv from './argv.js';
import type { Engine } from './engine.js';
import type { ImageInspect } from './types.js';

export type { ImageInspect } from './types.js';

export interface RemoteManifest {
  /** The manifest digest (what `image@sha256:...` pins). */
  digest: string;
  /** The image config digest, equal to the local image id for single-platform images. */
  configDigest: string | undefined;
}

export class Docker {
  constructor(
    readonly engine: Engine,
    private readonly runner: Runner = run,
  ) {}

  /** The CLI, aimed at this engine. */
  private exec(command: string[], options: RunOptions = {}) {
    const env = this.engine.endpoint.cliEnv;
    return this.runner(command, Object.keys(env).length ? { ...options, env: { ...options.env, ...env } } : options);
  }

  async hasBuildx(): Promise<boolean> {
    const r = await this.exec(['docker', 'buildx', 'version'], { allowFailure: true }).catch(() => undefined);
    return r?.exitCode === 0;
  }

  async login(server: string | undefined, username: string, password: string): Promise<void> {
    await this.exec(argv.loginArgv(server, username), { input: password });
  }

  /** The manifest of `ref` in its registry, or undefined when the registry has no such tag. */
  async remoteManifest(ref: string): Promise<RemoteManifest | undefined> {
    const r = await this.exec(argv.manifestInspectArgv(ref), { allowFailure: true });
    if (r.exitCode !== 0) {
      if (/no such manifest|manifest unknown|not found/i.test(r.stderr + r.stdout)) return undefined;
      const why = (r.stderr || r.stdout).trim();
      const auth = /unauthorized|authentication required|no basic auth|denied/i.test(why);
      throw new DeployError(
        `Could not ask the registry about ${ref}: ${why}`,
        auth
          ? 'The registry wants credentials: set registry-username and registry-password (a token with push rights), or log in before this step.'
          : 'Check that the registry in "image" is right and reachable from the runner.',
      );
    }
    const parsed = JSON.parse(r.stdout) as unknown;
    const first = (Array.isArray(parsed) ? parsed[0] : parsed) as {
      Descriptor?: { digest?: string };
      SchemaV2Manifest?: { config?: { digest?: string } };
      OCIManifest?: { config?: { digest?: string } };
    };
    const digest = first?.Descriptor?.digest;
    if (!digest) throw new Error(`The registry answered for ${ref} without a manifest digest`);
    const configDigest = Array.isArray(parsed)
      ? undefined
      : (first.SchemaV2Manifest?.config?.digest ?? first.OCIManifest?.config?.digest);
    return { digest, configDigest };
  }

  async push(ref: string): Promise<void> {
    await this.exec(argv.pushArgv(ref), { echo: true });
  }

  async pull(ref: string): Promise<void> {
    await this.exec(argv.pullArgv(ref), { echo: true });
  }

  async tag(source: string, target: string): Promise<void> {
    await this.exec(argv.tagArgv(source, target));
  }

  /** One image on the engine, or undefined when it is not there. */
  inspectImage(ref: string): Promise<ImageInspect | undefined> {
    return this.engine.inspectImage(ref);
  }
}

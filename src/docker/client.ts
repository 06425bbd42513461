/** Docker operations over the CLI, through the one exec boundary. Honours DOCKER_HOST / DOCKER_CONTEXT. */
import { DeployError } from '../errors.js';
import { run, type Runner } from '../exec.js';
import * as argv from './argv.js';

export interface RemoteManifest {
  /** The manifest digest (what `image@sha256:...` pins). */
  digest: string;
  /** The image config digest, equal to the local image id for single-platform images. */
  configDigest: string | undefined;
}

export class Docker {
  constructor(private readonly exec: Runner = run) {}

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
    await this.exec(['docker', 'pull', ref], { echo: true });
  }

  async tag(source: string, target: string): Promise<void> {
    await this.exec(argv.tagArgv(source, target));
  }

  /** `docker image inspect` of one image, or undefined when it is not present locally. */
  async inspectImage(ref: string): Promise<ImageInspect | undefined> {
    const r = await this.exec(argv.imageInspectArgv(ref), { allowFailure: true });
    if (r.exitCode !== 0) return undefined;
    return (JSON.parse(r.stdout) as ImageInspect[])[0];
  }
}

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

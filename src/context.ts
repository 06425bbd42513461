/**
 * Where the run comes from: the commit the workflow checked out, the ref, the run URL.
 * On GitHub it is read from the runner's environment and event payload; outside Actions
 * from the local git repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { run } from './exec.js';

export interface GitContext {
  /** The commit the image is built from (PR head on pull requests, head_sha on workflow_run). */
  sha: string;
  /** Full ref, e.g. refs/heads/main, refs/tags/v1.2.3, refs/pull/7/merge. */
  ref: string;
  eventName: string;
  serverUrl: string;
  /** owner/name, or '' outside Actions. */
  repository: string;
  runId: string;
  runAttempt: string;
  actor: string;
  workflow: string;
  prNumber: number | undefined;
  /** PR head branch name on pull requests. */
  headRef: string | undefined;
  description: string | undefined;
  license: string | undefined;
  homepage: string | undefined;
}

type Env = Record<string, string | undefined>;

/** The parts of the event payload we read. Everything is optional: events differ. */
export interface Payload {
  pull_request?: { number?: unknown; head?: { sha?: string; ref?: string } };
  workflow_run?: { head_sha?: string; head_branch?: string };
  repository?: { description?: unknown; homepage?: unknown; license?: { spdx_id?: unknown } | null };
}

export function readPayload(env: Env): Payload {
  const path = env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? parsed : {};
  } catch (e) {
    throw new Error(`Could not read the event payload ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Pure: the context from the runner's environment and the event payload. */
export function contextFromEnv(env: Env, payload: Payload): GitContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const pr = payload.pull_request;
  const wr = payload.workflow_run;
  let sha = env.GITHUB_SHA ?? '';
  let headRef: string | undefined;
  if (pr && /^pull_request/.test(eventName)) {
    sha = pr.head?.sha ?? sha;
    headRef = pr.head?.ref ?? env.GITHUB_HEAD_REF;
  } else if (wr && eventName === 'workflow_run') {
    sha = wr.head_sha ?? sha;
  }
  const repo = payload.repository ?? {};
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const spdx = text(repo.license?.spdx_id);
  return {
    sha,
    ref: eventName === 'workflow_run' && wr?.head_branch ? `refs/heads/${wr.head_branch}` : (env.GITHUB_REF ?? ''),
    eventName,
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    actor: env.GITHUB_ACTOR ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    prNumber: typeof pr?.number === 'number' ? pr.number : undefined,
    headRef,
    description: text(repo.description),
    license: spdx !== 'NOASSERTION' ? spdx : undefined,
    homepage: text(repo.homepage),
  };
}

export function runUrl(ctx: GitContext): string {
  return ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}` : '';
}

/** The context of this run: the runner's when on Actions, else the local git repository's in `dir`. */
export async function readContext(dir: string, requireCommit: boolean, env: Env = process.env): Promise<GitContext> {
  const ctx = contextFromEnv(env, readPayload(env));
  // Without a build, the commit is only history: no git calls for it.
  if ((ctx.sha && ctx.ref) || !requireCommit) return { ...ctx, actor: ctx.actor || env.USER || '' };
  const git = async (...args: string[]): Promise<string> =>
    (await run(['git', '-C', dir, ...args], { allowFailure: true }).catch(() => ({ stdout: '' }))).stdout.trim();
  const sha = ctx.sha || (await git('rev-parse', 'HEAD'));
  if (!/^[0-9a-f]{40}$/.test(sha)) {
    throw new Error(
      `Could not tell which commit to build: GITHUB_SHA is not set and "git rev-parse HEAD" in ${dir} gave no commit. ` +
        'Run inside a git checkout (actions/checkout) or set the "version" input.',
    );
  }
  const branch = ctx.ref || (await git('symbolic-ref', '-q', 'HEAD'));
  return { ...ctx, sha, ref: branch, actor: ctx.actor || env.USER || '' };
}

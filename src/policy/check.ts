/** Run the image policy on an image before any instance of it starts: a summary table, warnings or a failure. */
import type { Docker, ImageInspect } from '../drivers/docker/client.js';
import { DeployError } from '../support/errors.js';
import type { Log } from '../support/log.js';
import { table, type Report } from '../github/summary.js';
import { evaluatePolicy, type PolicyConfig, type PolicyImage, type PolicyResult } from './rules.js';

export function policyImage(i: ImageInspect): PolicyImage {
  return {
    user: i.Config.User ?? '',
    env: i.Config.Env ?? [],
    healthcheck: i.Config.Healthcheck?.Test ?? undefined,
    labels: i.Config.Labels ?? {},
    sizeBytes: i.Size ?? 0,
  };
}

/**
 * Checks `image` (inspected) of `version` against the policy. Warn mode logs failed rules as warnings;
 * enforce mode throws before anything starts. Does nothing without rules.
 */
export function checkPolicy(policy: PolicyConfig, ref: string, version: string, image: ImageInspect, log: Log, report: Report): PolicyResult[] {
  if (policy.rules.length === 0) return [];
  const results = evaluatePolicy(policy.rules, policyImage(image), version);
  const failed = results.filter((r) => !r.ok);
  const verdict = failed.length === 0 ? 'passed' : policy.mode === 'enforce' ? 'FAILED (enforced: nothing was started)' : 'failed (warn only)';
  report.section(
    `### Image policy for ${version}: ${verdict}\n\n` +
      table(['rule', 'result', 'detail'], results.map((r) => [r.rule, r.ok ? 'pass' : policy.mode === 'enforce' ? 'FAIL' : 'warn', r.detail])),
  );
  for (const r of results) log.info(`policy ${r.ok ? 'pass' : 'FAIL'}  ${r.rule}  (${r.detail})`);
  if (failed.length === 0) return results;
  const list = failed.map((r) => `${r.rule}: ${r.detail}`).join('; ');
  const what = `The image of ${version} (${ref.startsWith('sha256:') ? ref.slice(0, 19) : ref})`;
  if (policy.mode === 'warn') {
    log.warning(`${what} breaks ${failed.length} policy rule(s): ${list}. policy-mode is warn, so the run goes on.`, 'Image policy');
    return results;
  }
  throw new DeployError(
    `${what} breaks ${failed.length} policy rule(s): ${list}. Nothing was started; the live version was not touched.`,
    'Fix the image (Dockerfile or Packer template), or remove the rule from "policy", or set policy-mode: warn.',
  );
}

/** Inspect `ref` (an image id or reference on the target) and check it: the hook release and build call before anything starts. */
export async function policyGate(policy: PolicyConfig, docker: Docker, ref: string, version: string, log: Log, report: Report): Promise<void> {
  if (policy.rules.length === 0) return;
  const image = await docker.inspectImage(ref);
  if (!image) throw new DeployError(`The image policy could not inspect ${ref} (${version}): it is not on the target.`);
  checkPolicy(policy, ref, version, image, log, report);
}

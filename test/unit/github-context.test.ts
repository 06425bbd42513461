import { describe, expect, it } from 'vitest';
import { provenanceWarning } from '../../src/github/context.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('provenance warning', () => {
  it('is silent when the checked-out commit is the event commit, or there is no event', () => {
    expect(provenanceWarning(A, { eventSha: A, eventName: 'pull_request' })).toBeUndefined();
    expect(provenanceWarning(A, { eventSha: '', eventName: '' })).toBeUndefined();
  });

  it.each([
    ['pull_request', 'the pull request head', 'ref: ${{ github.event.pull_request.head.sha }}'],
    ['pull_request_target', 'the pull request head', 'ref: ${{ github.event.pull_request.head.sha }}'],
    ['workflow_run', "the triggering run's head_sha", 'ref: ${{ github.event.workflow_run.head_sha }}'],
    ['push', 'GITHUB_SHA', 'ref: ${{ github.sha }}'],
  ])('on %s names %s, the commit labelled, and the checkout that ships the event commit', (eventName, what, fix) => {
    const w = provenanceWarning(A, { eventSha: B, eventName })!;
    expect(w).toContain(`${A.slice(0, 12)} is not ${what} (${B.slice(0, 12)})`);
    expect(w).toContain(`The image is labelled with ${A.slice(0, 12)}`);
    expect(w).toContain(fix);
  });
});

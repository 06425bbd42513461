import { describe, expect, it } from 'vitest';
import { contextFromEnv, type GitContext } from '../../src/context.js';
import { buildMetadata, evalTagRule, parseTagRule, sanitizeTag, TagRuleError } from '../../src/metadata.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const base: GitContext = {
  sha: SHA,
  eventSha: SHA,
  ref: 'refs/heads/main',
  eventName: 'push',
  serverUrl: 'https://github.com',
  repository: 'acme/shop',
  runId: '42',
  runAttempt: '1',
  actor: 'octocat',
  workflow: 'deploy',
  prNumber: undefined,
  headRef: undefined,
  description: 'The shop',
  license: 'MIT',
  homepage: undefined,
};
const input = { app: 'shop', image: 'ghcr.io/acme/shop', version: undefined, tagRules: [], extraLabels: {}, created: '2026-11-22T10:00:00Z' };

describe('version and labels', () => {
  it('uses sha-<7> of the commit and the OCI label set', () => {
    const m = buildMetadata(input, base);
    expect(m.version).toBe('sha-0123456');
    expect(m.tags).toEqual(['ghcr.io/acme/shop:sha-0123456']);
    expect(m.labels).toMatchObject({
      'org.opencontainers.image.title': 'shop',
      'org.opencontainers.image.description': 'The shop',
      'org.opencontainers.image.url': 'https://github.com/acme/shop',
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.version': 'sha-0123456',
      'org.opencontainers.image.created': '2026-11-22T10:00:00Z',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.licenses': 'MIT',
      'dev.immutable-deploy.app': 'shop',
      'dev.immutable-deploy.ref': 'refs/heads/main',
      'dev.immutable-deploy.run-url': 'https://github.com/acme/shop/actions/runs/42',
      'dev.immutable-deploy.actor': 'octocat',
      'dev.immutable-deploy.workflow': 'deploy',
    });
  });

  it('takes a version override and user labels, and drops empty labels', () => {
    const m = buildMetadata(
      { ...input, version: 'v1.2.3', extraLabels: { team: 'payments' } },
      { ...base, repository: '', description: undefined, license: undefined },
    );
    expect(m.version).toBe('v1.2.3');
    expect(m.labels.team).toBe('payments');
    expect(m.labels).not.toHaveProperty('org.opencontainers.image.source');
    expect(m.labels).not.toHaveProperty('org.opencontainers.image.licenses');
  });
});

describe('the commit on each event', () => {
  const env = { GITHUB_SHA: 'm'.repeat(40), GITHUB_REF: 'refs/pull/7/merge', GITHUB_REPOSITORY: 'acme/shop' };
  it.each([
    ['pull_request', { pull_request: { number: 7, head: { sha: 'a'.repeat(40), ref: 'feature/x' } } }, 'a'.repeat(40)],
    ['pull_request_target', { pull_request: { number: 7, head: { sha: 'b'.repeat(40), ref: 'f' } } }, 'b'.repeat(40)],
    ['workflow_run', { workflow_run: { head_sha: 'c'.repeat(40), head_branch: 'main' } }, 'c'.repeat(40)],
    ['push', {}, 'm'.repeat(40)],
  ])('%s builds the checked-out commit, not the merge commit', (event, payload, sha) => {
    const ctx = contextFromEnv({ ...env, GITHUB_EVENT_NAME: event }, payload);
    expect(ctx.sha).toBe(sha);
  });
  it('reads the PR number and the workflow_run branch', () => {
    expect(contextFromEnv({ ...env, GITHUB_EVENT_NAME: 'pull_request' }, { pull_request: { number: 7, head: {} } }).prNumber).toBe(7);
    expect(
      contextFromEnv({ ...env, GITHUB_EVENT_NAME: 'workflow_run' }, { workflow_run: { head_sha: 'c', head_branch: 'rel' } }).ref,
    ).toBe('refs/heads/rel');
  });
});

describe('tag rules (docker/metadata-action syntax)', () => {
  const tag = (rule: string, ctx: Partial<GitContext> = {}) => evalTagRule(parseTagRule(rule), { ...base, ...ctx });
  it.each([
    ['type=sha', {}, 'sha-0123456'],
    ['type=sha,format=long', {}, `sha-${SHA}`],
    ['type=sha,prefix=', {}, '0123456'],
    ['type=ref,event=branch', { ref: 'refs/heads/feature/new-ui' }, 'feature-new-ui'],
    ['type=ref,event=branch', { ref: 'refs/tags/v1.0.0' }, undefined],
    ['type=ref,event=tag', { ref: 'refs/tags/v1.0.0' }, 'v1.0.0'],
    ['type=ref,event=pr', { prNumber: 12 }, 'pr-12'],
    ['type=ref,event=pr', {}, undefined],
    ['type=semver,pattern={{version}}', { ref: 'refs/tags/v1.2.3' }, '1.2.3'],
    ['type=semver,pattern={{major}}.{{minor}}', { ref: 'refs/tags/v1.2.3' }, '1.2'],
    ['type=semver,pattern={{major}}', { ref: 'refs/tags/1.2.3' }, '1'],
    ['type=semver,pattern={{version}}', { ref: 'refs/tags/v1.2.3-rc.1' }, '1.2.3-rc.1'],
    ['type=semver,pattern={{major}}', { ref: 'refs/tags/v1.2.3-rc.1' }, undefined],
    ['type=semver,pattern={{version}}', { ref: 'refs/heads/main' }, undefined],
    ['type=raw,value=latest', {}, 'latest'],
    ['type=raw,value=latest,enable=false', {}, undefined],
    ['type=raw,value=edge,prefix=x-,suffix=-y', {}, 'x-edge-y'],
  ])('%s on %j gives %s', (rule, ctx, expected) => {
    expect(tag(rule, ctx)).toBe(expected);
  });

  it.each([
    ['type=nope', /type must be one of/],
    ['type=ref', /event=branch/],
    ['type=raw', /value=/],
    ['type=semver', /pattern=/],
    ['latest', /not key=value/],
    ['type=raw,value=x,enable=maybe', /enable must be/],
  ])('rejects %s', (rule, message) => {
    expect(() => parseTagRule(rule)).toThrow(message);
    expect(() => parseTagRule(rule)).toThrow(TagRuleError);
  });

  it('adds rule tags after the version tag, without duplicates', () => {
    const m = buildMetadata({ ...input, tagRules: ['type=sha', 'type=ref,event=branch', 'type=raw,value=latest'] }, base);
    expect(m.tags).toEqual(['ghcr.io/acme/shop:sha-0123456', 'ghcr.io/acme/shop:main', 'ghcr.io/acme/shop:latest']);
  });

  it('sanitizes branch names into valid tags', () => {
    expect(sanitizeTag('feature/ümlaut@x')).toBe('feature--mlaut-x');
    expect(sanitizeTag('-lead')).toBe('lead');
  });
});

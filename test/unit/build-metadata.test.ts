import { describe, expect, it } from 'vitest';
import { contextFromEnv, type GitContext } from '../../src/github/context.js';
import { buildMetadata, evalTagRule, parseTagRule, sanitizeTag, TagRuleError } from '../../src/build/metadata.js';

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

describe('tag rules (docker/metadata-action syntax and behaviour)', () => {
  const tag = (rule: string, ctx: Partial<GitContext> = {}) => evalTagRule(parseTagRule(rule), { ...base, ...ctx });
  const onTag = (t: string) => ({ ref: `refs/tags/${t}` });
  const pr = (n: number, eventName = 'pull_request') => ({ ref: `refs/pull/${n}/merge`, eventName, prNumber: n });
  it.each([
    // type=sha: short by default, long on request, prefix "sha-" unless given (even empty)
    ['type=sha', {}, 'sha-0123456'],
    ['type=sha,format=short', {}, 'sha-0123456'],
    ['type=sha,format=long', {}, `sha-${SHA}`],
    ['type=sha,prefix=', {}, '0123456'],
    ['type=sha,prefix=,suffix=-x,format=long', {}, `${SHA}-x`],
    // type=ref
    ['type=ref,event=branch', { ref: 'refs/heads/feature/new-ui' }, 'feature-new-ui'],
    ['type=ref,event=branch', onTag('v1.0.0'), undefined],
    ['type=ref,event=tag', onTag('v1.0.0'), 'v1.0.0'],
    ['type=ref,event=tag', { ref: 'refs/heads/main' }, undefined],
    ['type=ref,event=pr', pr(12), 'pr-12'],
    ['type=ref,event=pr,prefix=', pr(12), '12'],
    ['type=ref,event=pr', {}, undefined],
    // pull_request_target: GITHUB_REF is the base branch; the rules see the PR's merge ref (as metadata-action)
    ['type=ref,event=pr', { ref: 'refs/heads/main', eventName: 'pull_request_target', prNumber: 7 }, 'pr-7'],
    ['type=ref,event=branch', { ref: 'refs/heads/main', eventName: 'pull_request_target', prNumber: 7 }, undefined],
    // type=semver
    ['type=semver,pattern={{version}}', onTag('v1.2.3'), '1.2.3'],
    ['type=semver,pattern={{major}}.{{minor}}', onTag('v1.2.3'), '1.2'],
    ['type=semver,pattern={{major}}', onTag('1.2.3'), '1'],
    ['type=semver,pattern={{major}}.{{minor}}.{{patch}}', onTag('v1.1.1'), '1.1.1'],
    ['type=semver,pattern=v{{major}}', onTag('v2.0.1'), 'v2'],
    ['type=semver,pattern={{raw}}', onTag('v1.2.3'), 'v1.2.3'],
    ['type=semver,pattern={{version}}', onTag('v9.5.7-alpha.2+fork.3.1.8'), '9.5.7-alpha.2'],
    // a pre-release only yields {{version}} (or {{raw}} when that is the whole pattern)
    ['type=semver,pattern={{version}}', onTag('v1.2.3-rc.1'), '1.2.3-rc.1'],
    ['type=semver,pattern={{major}}', onTag('v2.0.8-beta.67'), '2.0.8-beta.67'],
    ['type=semver,pattern={{major}}.{{minor}}', onTag('v2.0.8-beta.67'), '2.0.8-beta.67'],
    ['type=semver,pattern={{raw}}', onTag('v2.0.8-beta.67'), 'v2.0.8-beta.67'],
    ['type=semver,pattern=x{{raw}}', onTag('v2.0.8-beta.67'), '2.0.8-beta.67'],
    ['type=semver,pattern={{version}}', onTag('sometag'), undefined],
    ['type=semver,pattern={{version}}', onTag('v1.2'), undefined],
    ['type=semver,pattern={{version}}', { ref: 'refs/heads/main' }, undefined],
    ['type=semver,pattern={{version}},value=v3.1.4', { ref: 'refs/heads/main' }, '3.1.4'],
    // type=raw, and a bare value (with or without type=raw)
    ['type=raw,value=latest', {}, 'latest'],
    ['type=raw,latest', {}, 'latest'],
    ['latest', {}, 'latest'],
    ['type=raw,priority=2000,foo', {}, 'foo'],
    ['type=raw,value=latest,enable=false', {}, undefined],
    ['type=raw,value=edge,prefix=x-,suffix=-y', {}, 'x-edge-y'],
    ['type=raw,"value=a,b"', {}, 'a-b'],
    // global expressions
    ['type=raw,{{tag}}-{{sha}}-foo', onTag('v1.1.1'), 'v1.1.1-0123456-foo'],
    ['type=raw,{{branch}}', { ref: 'refs/heads/dev' }, 'dev'],
    ['type=raw,{{base_ref}}-foo', { ...onTag('v1.1.1'), baseRef: 'master' }, 'master-foo'],
    ['type=raw,value=latest,enable={{is_default_branch}}', { ref: 'refs/heads/main', defaultBranch: 'main' }, 'latest'],
    ['type=raw,value=latest,enable={{is_default_branch}}', { ref: 'refs/heads/dev', defaultBranch: 'main' }, undefined],
    ['type=raw,value=latest,enable={{is_default_branch}}', { ...onTag('v1'), defaultBranch: 'main' }, undefined],
    // sanitised as metadata-action: each run of invalid characters becomes one "-"
    ['type=ref,event=branch', { ref: 'refs/heads/feature/ümlaut@x' }, 'feature-mlaut-x'],
  ])('%s on %j gives %s', (rule, ctx, expected) => {
    expect(tag(rule, ctx)).toBe(expected);
  });

  it.each([
    ['type=nope', /type must be one of/],
    ['type=match,pattern=\\d', /type=match is not supported here/],
    ['type=pep440,pattern={{version}}', /not supported/],
    ['type=ref', /event=branch/],
    ['type=ref,event=push', /event=branch/],
    ['type=raw', /needs a value/],
    ['type=semver', /pattern=/],
    ['type=sha,format=medium', /format must be short or long/],
    ['type=sha,evnt=branch', /"evnt" is not a tag rule attribute/],
    ['type=raw,value=x,priority=high', /priority must be a whole number/],
    ['type=raw,"value=x', /quote is not closed/],
    ['"type=raw,value=a"', /type must be one of/],
  ])('rejects %s', (rule, message) => {
    expect(() => parseTagRule(rule)).toThrow(message);
    expect(() => parseTagRule(rule)).toThrow(TagRuleError);
  });

  it.each([
    ['type=raw,value=x,enable=maybe', /enable must be true or false/],
    ['type=raw,value={{date \'YYYYMMDD\'}}', /\{\{date\}\} is not supported/],
    ['type=semver,pattern={{prerelease}}', /not a semver field/],
  ])('fails %s when evaluated', (rule, message) => {
    expect(() => tag(rule, onTag('v1.2.3'))).toThrow(message);
  });

  it('adds rule tags after the version tag, by priority then as written, without duplicates', () => {
    const m = buildMetadata({ ...input, tagRules: ['type=sha', 'type=ref,event=branch', 'type=raw,value=latest'] }, base);
    expect(m.tags).toEqual(['ghcr.io/acme/shop:sha-0123456', 'ghcr.io/acme/shop:main', 'ghcr.io/acme/shop:latest']);
    const semver = buildMetadata(
      { ...input, tagRules: ['type=raw,value=latest', 'type=semver,pattern={{major}}', 'type=semver,pattern={{version}}', 'type=raw,priority=2000,foo'] },
      { ...base, ref: 'refs/tags/v1.2.3' },
    );
    expect(semver.tags.map((t) => t.split(':')[1])).toEqual(['sha-0123456', 'foo', '1', '1.2.3', 'latest']);
    // a pre-release: {{major}} and {{version}} give the same tag, once
    const pre = buildMetadata(
      { ...input, tagRules: ['type=semver,pattern={{major}}', 'type=semver,pattern={{version}}'] },
      { ...base, ref: 'refs/tags/v2.0.8-beta.67' },
    );
    expect(pre.tags.map((t) => t.split(':')[1])).toEqual(['sha-0123456', '2.0.8-beta.67']);
  });

  it('refuses a rule that gives an invalid Docker tag', () => {
    expect(() => buildMetadata({ ...input, tagRules: ['type=raw,value=-x'] }, base)).toThrow(/not a valid Docker tag/);
  });

  it('sanitizes as metadata-action does', () => {
    expect(sanitizeTag('feature/ümlaut@x')).toBe('feature-mlaut-x');
    expect(sanitizeTag('a//b')).toBe('a-b');
  });
});

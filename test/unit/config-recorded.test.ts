/** src/core/run-spec.ts: where a version runs is part of its run spec (hosts, replicas, runtime), never a credential. */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { readConfig } from '../../src/config/read.js';
import { applySpec, SPEC_INPUTS, specFromConfig } from '../../src/config/recorded.js';

const cfgOf = (inputs: Record<string, string>): Config => readConfig((n) => inputs[n] ?? '');

describe('run spec: where the version runs', () => {
  const deployed = cfgOf({ app: 'shop', hosts: 'ssh://root@10.0.0.5\nssh://deploy@10.0.0.6 10.1.0.6', replicas: '2' });

  it('records the hosts (endpoint and address) and the replicas', () => {
    const spec = specFromConfig(deployed);
    expect(spec.hosts).toEqual([
      { endpoint: 'ssh://root@10.0.0.5', address: '10.0.0.5' },
      { endpoint: 'ssh://deploy@10.0.0.6', address: '10.1.0.6' },
    ]);
    expect(spec.replicas).toBe(2);
    expect(spec.runtime).toEqual({ kind: 'docker' });
  });

  it('a rollback given only app and environment runs where the version ran; given inputs win', () => {
    const spec = specFromConfig(deployed);
    const rollback = applySpec(cfgOf({ app: 'shop', command: 'rollback' }), spec);
    expect(rollback.run.hosts).toEqual(spec.hosts);
    expect(rollback.run.replicas).toBe(2);
    const explicit = applySpec(cfgOf({ app: 'shop', command: 'rollback', hosts: 'ssh://root@10.0.0.9', replicas: '3' }), spec);
    expect(explicit.run.hosts.map((h) => h.endpoint)).toEqual(['ssh://root@10.0.0.9']);
    expect(explicit.run.replicas).toBe(3);
  });

  it('records Kubernetes settings without the kubeconfig, and applies namespace and Service to a Kubernetes run', () => {
    const kube = cfgOf({ app: 'shop', runtime: 'kubernetes', kubeconfig: 'apiVersion: v1\nusers: [{name: u, user: {token: s3cret}}]', 'kube-namespace': 'shop-prod', 'kube-service': 'web' });
    const spec = specFromConfig(kube);
    expect(spec.runtime).toEqual({ kind: 'kubernetes', namespace: 'shop-prod', service: 'web' });
    expect(JSON.stringify(spec)).not.toContain('s3cret');
    const rollback = applySpec(cfgOf({ app: 'shop', runtime: 'kubernetes', command: 'rollback' }), spec);
    expect(rollback.runtime).toMatchObject({ kind: 'kubernetes', namespace: 'shop-prod', service: 'web' });
  });

  it('hosts, replicas and the Kubernetes settings are spec inputs (no default in action.yml: a recorded value can stand in)', () => {
    expect(SPEC_INPUTS).toEqual(expect.arrayContaining(['hosts', 'replicas', 'kube-namespace', 'kube-service']));
  });
});

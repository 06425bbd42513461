import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';

describe('release command capability and the Deployment reason', () => {
  it('a platform without one-off containers refuses a release command before anything starts', async () => {
    const { checkReleaseCommand } = await import('../../src/release/migrate.js');
    const cfg = { ops: { releaseCommand: ['migrate'] } } as unknown as Config;
    expect(() => checkReleaseCommand({ cfg, platform: { kind: 'kubernetes' } as never })).toThrow(/kubernetes platform cannot run a one-off container.*Nothing was started/);
    expect(() => checkReleaseCommand({ cfg, platform: { kind: 'docker', runOnce: () => undefined } as never })).not.toThrow();
  });

  it('the GitHub Deployment says why (a freeze override, a forced rollback)', async () => {
    const { deploymentDescription } = await import('../../src/github/deployments.js');
    const d = { sha: 'a', environment: 'production', version: 'v1', digest: 'sha256:abc', previousVersion: 'v2', rollback: true, reason: 'forced past irreversible v2: expand-only' };
    expect(deploymentDescription(d)).toBe('Roll back to v1 from v2 (forced past irreversible v2: expand-only)');
  });
});

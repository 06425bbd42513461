import { describe, expect, it } from 'vitest';
import { checkAnswer, lookup } from '../../src/verify/checks.js';
import { parseCheck } from '../../src/core/checks.js';
import type { Instance, Pool } from '../../src/core/model.js';
import { CANDIDATE_SUFFIX, instanceName, toInstance } from '../../src/platforms/docker/containers.js';
import { classify, planImagePrune, planRetention, poolShare, pools, protectedVersions, resumeDecision } from '../../src/core/plan.js';
import { allTo, type Routing } from '../../src/routers/types.js';
import { inst, one } from '../helpers/instances.js';

const to = (...is: Instance[]): Routing => allTo(is.map((i) => i.address!));

describe('classify', () => {
  it('the live instance is the one the router points at; the rest of the verified running ones are warm, newest first', () => {
    const a = inst('v1');
    const b = inst('v2');
    const c = inst('v3');
    const o = classify([a, b, c], to(a), true);
    expect(o.live).toEqual(one(a));
    expect(o.warm).toEqual([one(c), one(b)]);
    expect(o.debris).toEqual([]);
  });

  it('candidates and stopped instances are debris, never live or warm', () => {
    const live = inst('v1');
    const candidate = inst('v2', { verified: false });
    const stopped = inst('v3', { running: false });
    const o = classify([live, candidate, stopped], to(live), true);
    expect(o.warm).toEqual([]);
    expect(o.debris).toEqual([candidate, stopped]);
  });

  it('a router pointing at something that is not ours means nothing of ours is live', () => {
    const a = inst('v1');
    expect(classify([a], allTo([{ host: '127.0.0.1', port: 1 }]), true).live).toBeUndefined();
    expect(classify([a], [], true).live).toBeUndefined();
  });

  it('without a router the newest verified instance is live', () => {
    const a = inst('v1');
    const b = inst('v2');
    expect(classify([a, b], [], false).live).toEqual(one(b));
  });

  it('groups a fleet into pools: the routed pool is live, whole, and every other pool is warm', () => {
    const v1 = ['h1', 'h1', 'h2', 'h2'].map((t) => inst('v1', { pool: 'p1', target: t }));
    const v2 = ['h1', 'h1', 'h2', 'h2'].map((t) => inst('v2', { pool: 'p2', target: t }));
    const o = classify([...v1, ...v2], to(...v2), true);
    expect(o.live?.id).toBe('p2');
    expect(o.live?.instances).toHaveLength(4);
    expect(o.warm.map((p) => [p.id, p.instances.length])).toEqual([['p1', 4]]);
    expect(pools([...v1, ...v2]).map((p) => p.id)).toEqual(['p2', 'p1']);
  });
});

describe('planRetention', () => {
  it('keeps the one that was just live warm first, then the newest, one instance per version', () => {
    const older = inst('v1');
    const previous = inst('v2');
    const newerWarm = inst('v3');
    const live = inst('v4');
    const plan = planRetention([older, previous, newerWarm, live], one(live), one(previous), 2);
    expect(plan.warm).toEqual([one(previous), one(newerWarm)]);
    expect(plan.remove).toEqual([older]);
    expect(plan.drain).toEqual([]);
  });

  it('with keep 0 the previous live instance is drained, the others removed at once', () => {
    const warm = inst('v1');
    const previous = inst('v2');
    const live = inst('v3');
    const plan = planRetention([warm, previous, live], one(live), one(previous), 0);
    expect(plan).toEqual({ warm: [], drain: [previous], remove: [warm] });
  });

  it('another instance of the live version is not kept warm', () => {
    const previous = inst('v1');
    const live = inst('v1');
    expect(planRetention([previous, live], one(live), one(previous), 1)).toEqual({ warm: [], drain: [previous], remove: [] });
  });

  it('removes candidates and stopped instances, never the live one', () => {
    const live = inst('v2');
    const candidate = inst('v3', { verified: false });
    const plan = planRetention([live, candidate], one(live), undefined, 1);
    expect(plan.remove).toEqual([candidate]);
    expect(plan.warm).toEqual([]);
  });

  it('keeps whole pools: the previous pool warm on every host, an older pool and a partial one of the live version go', () => {
    const pool = (v: string, id: string, targets: string[]) => targets.map((t) => inst(v, { pool: id, target: t }));
    const old = pool('v1', 'p1', ['h1', 'h2']);
    const previous = pool('v2', 'p2', ['h1', 'h1', 'h2', 'h2']);
    const partial = pool('v3', 'p3a', ['h1']);
    const live = pool('v3', 'p3', ['h1', 'h1', 'h2', 'h2']);
    const prev: Pool = { id: 'p2', version: 'v2', instances: previous };
    const plan = planRetention([...old, ...previous, ...partial, ...live], { id: 'p3', version: 'v3', instances: live }, prev, 1);
    expect(plan.warm.map((p) => [p.id, p.instances.length])).toEqual([['p2', 4]]);
    expect(plan.remove.map((i) => i.pool).sort()).toEqual(['p1', 'p1', 'p3a']);
    expect(plan.drain).toEqual([]);
  });
});

describe('planImagePrune', () => {
  const img = (version: string, created: string) => ({
    ref: `shop:${version}`,
    image: 'shop',
    version,
    created,
    digest: `sha256:${version}`,
    imageId: `sha256:${version}`,
    revision: 'r',
  });
  it('prunes beyond the newest N, never a protected version', () => {
    const images = [img('v1', '2026-01-01'), img('v2', '2026-01-02'), img('v3', '2026-01-03'), img('v4', '2026-01-04')];
    expect(planImagePrune(images, new Set(['v1']), 2).map((i) => i.version)).toEqual(['v2']);
    expect(planImagePrune(images, new Set(), 5)).toEqual([]);
  });

  it('protects every environment\'s live and warm versions on a shared engine, not only this one\'s', () => {
    const images = ['v1', 'v2', 'v3', 'v4', 'v5'].map((v, i) => img(v, `2026-01-0${i + 1}`));
    const prodLive = inst('v5');
    const stagingLive = inst('v2', { environment: 'staging' });
    const stagingWarm = inst('v1', { environment: 'staging' });
    const otherApp = inst('v3', { app: 'blog' });
    const protect = protectedVersions('shop', [one(prodLive)], [prodLive, stagingLive, stagingWarm, otherApp]);
    expect([...protect].sort()).toEqual(['v1', 'v2', 'v5']);
    // keep-images 1: only v3 and v4 (nothing runs them) go; staging's v1 and v2 stay.
    expect(planImagePrune(images, protect, 1).map((i) => i.version).sort()).toEqual(['v3', 'v4']);
    // What was protected before (this environment's pools only) untagged staging's versions.
    expect(planImagePrune(images, new Set(['v5']), 1).map((i) => i.version)).toContain('v2');
  });
});

describe('docker runtime (pure parts)', () => {
  it('names instances <app>-<env>-<version>-<random>, as candidates until verified', () => {
    expect(instanceName('shop', 'production', 'sha-1234567', 'abc123')).toBe(`shop-production-sha-1234567-abc123${CANDIDATE_SUFFIX}`);
  });

  it('reads an instance from docker inspect', () => {
    const i = toInstance(
      {
        Id: 'c1',
        Name: '/shop-production-v1-abc123',
        Created: '2026-11-22T10:00:00Z',
        RestartCount: 0,
        State: { Running: true, Restarting: false, ExitCode: 0, Health: { Status: 'healthy' } },
        Config: { Labels: { 'dev.immutable-deploy.version': 'v1', 'dev.immutable-deploy.app': 'shop', 'dev.immutable-deploy.pool': 'v1-ab' } },
        NetworkSettings: { Ports: { '8080/tcp': [{ HostIp: '10.77.1.2', HostPort: '49153' }] } },
      },
      'ssh://root@10.77.1.2',
    );
    expect(i).toMatchObject({
      name: 'shop-production-v1-abc123',
      version: 'v1',
      verified: true,
      health: 'healthy',
      pool: 'v1-ab',
      target: 'ssh://root@10.77.1.2',
      address: { host: '10.77.1.2', port: 49153 },
    });
    expect(
      toInstance(
        {
          Id: 'c2',
          Name: `/x${CANDIDATE_SUFFIX}`,
          Created: '2026-11-22T10:00:00Z',
          RestartCount: 1,
          State: { Running: false, Restarting: true, ExitCode: 3 },
          Config: { Labels: null },
          NetworkSettings: { Ports: {} },
        },
        'local',
      ),
      // an instance from before pools were labelled is a pool of its own
    ).toMatchObject({ verified: false, running: false, restarting: true, exitCode: 3, address: undefined, health: undefined, pool: 'c2' });
  });
});

describe('judging a check', () => {
  it.each([
    ['GET / 200', 200, 'x', 10, undefined],
    ['GET / 200', 503, 'x', 10, 'expected status 200, got 503'],
    ['GET / 200 contains "Welcome"', 200, 'Welcome home', 10, undefined],
    ['GET / 200 contains "Welcome"', 200, 'Hello', 10, 'the body does not contain "Welcome"'],
    ['GET /s 200 json .ok == true', 200, '{"ok":true}', 10, undefined],
    ['GET /s 200 json .ok == true', 200, '{"ok":false}', 10, '.ok is false, expected true'],
    ['GET /s 200 json .a.b != 0', 200, '{"a":{"b":0}}', 10, '.a.b is 0, expected not 0'],
    ['GET /s 200 json .missing == 1', 200, '{}', 10, '.missing is missing, expected 1'],
    ['GET /s 200 json .ok == true', 200, '<html>', 10, 'the body is not JSON'],
    ['GET / 200 within 100ms', 200, '', 150, 'took 150 ms, over the budget of 100 ms'],
  ])('%s against %s %j in %s ms', (line, status, body, ms, why) => {
    expect(checkAnswer(parseCheck(line), status, body, ms)).toBe(why);
  });

  it('looks up nested JSON fields', () => {
    expect(lookup({ a: { b: [1] } }, ['a', 'b'])).toEqual([1]);
    expect(lookup({ a: 1 }, ['a', 'b'])).toBeUndefined();
  });
});

describe('classify by the records and the weights, never by counting routed instances', () => {
  const weighted = (...groups: [Instance[], number][]): Routing =>
    groups.flatMap(([is, w]) => is.map((i) => ({ addresses: [i.address!], weight: w / is.length })));

  it('equal pools, a 10% canary: the stable pool is live (weights), the canary is beside it, neither warm nor debris', () => {
    const stable = [inst('v1', { pool: 'p1' }), inst('v1', { pool: 'p1' })];
    const canary = [inst('v2', { pool: 'p2' }), inst('v2', { pool: 'p2' })];
    const o = classify([...stable, ...canary], weighted([stable, 90], [canary, 10]), true, new Set(['p1']));
    expect(o.live?.id).toBe('p1');
    expect(o.beside.map((p) => p.id)).toEqual(['p2']);
    expect(o.warm).toEqual([]);
    expect(o.debris).toEqual([]);
  });

  it('a larger stable pool: the canary that still has its share is never debris', () => {
    const stable = [inst('v1', { pool: 'p1' }), inst('v1', { pool: 'p1' }), inst('v1', { pool: 'p1' })];
    const canary = [inst('v2', { pool: 'p2' })];
    const o = classify([...stable, ...canary], weighted([stable, 80], [canary, 20]), true, new Set(['p1']));
    expect(o.live?.id).toBe('p1');
    expect(o.beside.map((p) => p.id)).toEqual(['p2']);
    expect(o.debris).toEqual([]);
  });

  it('the records win while the pool they name is served: a 50% step left by a killed run keeps the stable pool live', () => {
    const stable = [inst('v1', { pool: 'p1' })];
    const canary = [inst('v2', { pool: 'p2' })];
    const routing = weighted([stable, 40], [canary, 60]);
    expect(classify([...stable, ...canary], routing, true, new Set(['p1'])).live?.id).toBe('p2');
    expect(classify([...stable, ...canary], routing, true, new Set(['p1']), [], ['p1']).live?.id).toBe('p1');
    // A preferred pool the balancer does not serve is not live.
    expect(classify([...stable, ...canary], weighted([canary, 100]), true, new Set(['p1']), [], ['p1']).live?.id).toBe('p2');
  });

  it('poolShare: each group weight split over its addresses', () => {
    const [a, b, c] = [inst('v1', { pool: 'p1' }), inst('v1', { pool: 'p1' }), inst('v2', { pool: 'p2' })];
    const routing = allTo([a.address!, b.address!, c.address!]);
    expect(poolShare({ id: 'p1', version: 'v1', instances: [a, b] }, routing)).toBeCloseTo(66.67, 1);
    expect(poolShare({ id: 'p2', version: 'v2', instances: [c] }, [{ addresses: [c.address!], weight: 0 }])).toBe(0);
  });
});

describe('resumeDecision: what a run does about a release a killed run left unfinished', () => {
  const v1 = inst('v1', { pool: 'r1' });
  const v2 = inst('v2', { pool: 'r2' });
  const ref = (i: Instance) => ({ pool: i.pool, version: i.version });
  const split = (a: number, b: number): Routing => [
    { addresses: [v1.address!], weight: a },
    { addresses: [v2.address!], weight: b },
  ];

  it('killed while a canary step was judged: back to the stable pool, the canary goes', () => {
    const d = resumeDecision({ stable: ref(v1), next: ref(v2), final: false, step: 'step' }, [v1, v2], split(80, 20), true);
    expect(d).toMatchObject({ action: 'back', stable: { id: 'r1' }, other: { id: 'r2' }, nextShare: 20 });
  });

  it('killed during a step with a baseline: back to the stable pool, the canary and the baseline (a fresh pool of v1) go', () => {
    const base = inst('v1', { pool: 'r3', address: { host: '127.0.0.1', port: 7777 } });
    const routing: Routing = [...split(60, 20), { addresses: [base.address!], weight: 20 }];
    const d = resumeDecision({ stable: ref(v1), next: ref(v2), baseline: ref(base), final: false, step: 'step' }, [v1, v2, base], routing, true);
    expect(d).toMatchObject({ action: 'back', stable: { id: 'r1' }, other: { id: 'r2' }, baseline: { id: 'r3' } });
    // A baseline already gone is nothing to remove.
    expect(resumeDecision({ stable: ref(v1), next: ref(v2), baseline: ref(base), final: false, step: 'step' }, [v1, v2], split(80, 20), true)).not.toHaveProperty('baseline');
  });

  it('killed during the bake (100% on the new pool, not judged yet): back to the stable pool all the same', () => {
    const d = resumeDecision({ stable: ref(v1), next: ref(v2), final: false, step: 'bake' }, [v1, v2], to(v2), true);
    expect(d).toMatchObject({ action: 'back', nextShare: 100 });
  });

  it('killed during a blue-green switch that took effect: recorded as the flip; one that did not: back, and the new pool goes', () => {
    expect(resumeDecision({ stable: ref(v1), next: ref(v2), final: true, step: 'switch' }, [v1, v2], to(v2), true).action).toBe('record-flip');
    expect(resumeDecision({ stable: ref(v1), next: ref(v2), final: true, step: 'switch' }, [v1, v2], to(v1), true)).toMatchObject({ action: 'back', other: { id: 'r2' } });
  });

  it('killed during a shift back from a failed bake (the new pool still had 100%): never recorded as a flip', () => {
    expect(resumeDecision({ stable: ref(v1), next: ref(v2), final: true, step: 'back' }, [v1, v2], to(v2), true)).toMatchObject({ action: 'back' });
  });

  it('the stable pool gone, or no router: what serves stays', () => {
    expect(resumeDecision({ stable: ref(v1), next: ref(v2), final: false, step: 'step' }, [v2], to(v2), true).action).toBe('leave');
    expect(resumeDecision({ stable: ref(v1), next: ref(v2), final: false, step: 'step' }, [v1, v2], [], false).action).toBe('leave');
  });
});

/**
 * Progressive delivery through a real HAProxy, judged by its own per-server counters (metrics:
 * balancer), under recorded load, through the bundled dist/index.js (scenarios: test/helpers/canary-suite.ts).
 */
import { canarySuite } from '../helpers/canary-suite.js';
import { startHaproxy } from '../helpers/servers.js';

canarySuite(
  'canary through HAProxy, judged by its own stats',
  'canhap',
  async () => {
    const lb = await startHaproxy({ backend: 'canhap-production', server: 'can', slots: 2 });
    return { url: lb.url, inputs: { router: 'haproxy', 'haproxy-socket': lb.socket, 'haproxy-server': 'can' }, stop: () => lb.stop() };
  },
  { stepSeconds: 3, bakeSeconds: 20 },
);

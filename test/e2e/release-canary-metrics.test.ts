/**
 * The canary scenarios (test/helpers/canary-suite.ts) judged by the user's own metrics:
 * - metrics: prometheus — a real Prometheus (Debian's) scraping HAProxy's built-in exporter, with
 *   queries that name the new pool through the {{backend}}, {{servers}} and {{window}} placeholders;
 * - metrics: command — through nginx with the shipped njs script (no stats of its own): the analysis
 *   command probes the new pool's TARGET_URLS and prints requests= and errors=.
 */
import { canarySuite } from '../helpers/canary-suite.js';
import { startPrometheus } from '../helpers/prometheus.js';
import { startHaproxy, startNginx } from '../helpers/servers.js';

const sel = 'proxy="{{backend}}",server=~"{{servers}}"';

canarySuite(
  'canary through HAProxy, judged by Prometheus',
  'canprom',
  async () => {
    const lb = await startHaproxy({ backend: 'canprom-production', server: 'can', slots: 2, exporter: true });
    const prometheus = await startPrometheus([lb.exporter!]);
    await prometheus.targetsUp();
    return {
      url: lb.url,
      inputs: {
        router: 'haproxy',
        'haproxy-socket': lb.socket,
        'haproxy-server': 'can',
        metrics: 'prometheus',
        'prometheus-url': prometheus.url,
        'prometheus-requests-query': `sum(increase(haproxy_server_http_responses_total{${sel}}[{{window}}]))`,
        'prometheus-error-rate-query':
          `100 * sum(increase(haproxy_server_http_responses_total{${sel},code="5xx"}[{{window}}]))` +
          ` / sum(increase(haproxy_server_http_responses_total{${sel}}[{{window}}]))`,
        'prometheus-response-ms-query': `1000 * max(haproxy_server_response_time_average_seconds{${sel}})`,
      },
      stop: async () => {
        await Promise.all([lb.stop(), prometheus.stop()]);
      },
    };
  },
  // Prometheus scrapes every second: a window needs a few scrapes.
  { stepSeconds: 5, bakeSeconds: 20 },
);

const probe = [
  'n=0; bad=0',
  'for url in $TARGET_URLS; do',
  '  for i in $(seq 40); do',
  '    code=$(curl -s -o /dev/null -w "%{http_code}" "$url/")',
  '    n=$((n + 1)); if [ "$code" -ge 500 ]; then bad=$((bad + 1)); fi',
  '  done',
  'done',
  'echo "probed $TARGET_URLS ($VERSION at $SHARE%) for ${WINDOW_SECONDS}s"',
  'echo requests=$n; echo errors=$bad',
  'test "$bad" -eq 0',
].join('\n');

canarySuite(
  'canary through nginx (njs), judged by an analysis command',
  'cannjs',
  async () => {
    const nginx = await startNginx({ njs: true, upstreamName: 'cannjs' });
    return {
      url: nginx.url,
      inputs: { router: 'nginx', 'nginx-routes-file': nginx.routesFile, metrics: 'command', 'analysis-command': probe },
      stop: () => nginx.stop(),
    };
  },
  { stepSeconds: 3, bakeSeconds: 6 },
);

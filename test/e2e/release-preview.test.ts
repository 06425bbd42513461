/**
 * Testers first (preview-header, issue 20 §1) through a real HAProxy (a `<backend>-preview` backend of slots and the
 * documented frontend line) and a real nginx running the shipped njs script (the routes file carries the preview pool),
 * through the bundled dist/index.js. Scenarios: test/helpers/preview-suite.ts.
 */
import { afterAll, beforeAll } from 'vitest';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { HEADER, previewSuite, routesPreview } from '../helpers/preview-suite.js';
import { startHaproxy, startNginx, type HaproxyServer, type NginxServer } from '../helpers/servers.js';

let haproxy: HaproxyServer;
let nginx: NginxServer;

beforeAll(async () => {
  [haproxy, nginx] = await Promise.all([
    startHaproxy({ backend: 'prevhap-production', server: 'app', slots: 2, previewHeader: HEADER }),
    startNginx({ njs: true, upstreamName: 'prevnjs' }),
  ]);
});
afterAll(async () => {
  await Promise.all([haproxy?.stop(), nginx?.stop()]);
});

previewSuite('HAProxy', 'prevhap', () => ({
  url: haproxy.url,
  inputs: { router: 'haproxy', 'haproxy-socket': haproxy.socket, 'haproxy-server': 'app', 'preview-url': haproxy.url },
  previewRoute: async () => {
    const state = await runtimeCommand({ path: haproxy.socket }, 'show servers state prevhap-production-preview');
    // Columns: be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ...; admin state bit 0x01: maintenance.
    return state
      .split('\n')
      .filter((l) => /^\d+ prevhap-production-preview /.test(l))
      .flatMap((l) => {
        const f = l.split(' ');
        return (Number(f[6]) & 1) === 0 ? [`${f[4]}`] : [];
      });
  },
}));

previewSuite('nginx (njs)', 'prevnjs', () => ({
  url: nginx.url,
  inputs: { router: 'nginx', 'nginx-routes-file': nginx.routesFile, 'environment-url': nginx.url },
  previewRoute: routesPreview(nginx.routesFile),
}), { cancel: true, kill: true });


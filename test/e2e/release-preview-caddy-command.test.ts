/**
 * Testers first (preview-header, issue 20 §1) through a real Caddy (a route matching the header in front of the
 * reverse_proxy `"@id": "<id>-preview"`) and a router command (ROUTER_ACTION=preview; here the user's script keeps the
 * routes file of a real nginx + njs with jq), through the bundled dist/index.js. Scenarios: test/helpers/preview-suite.ts.
 */
import { afterAll, beforeAll } from 'vitest';
import { HEADER, previewSuite, routesPreview } from '../helpers/preview-suite.js';
import { startCaddy, startNginx, type CaddyServer, type NginxServer } from '../helpers/servers.js';

let caddy: CaddyServer;
let userNginx: NginxServer;

beforeAll(async () => {
  [caddy, userNginx] = await Promise.all([
    startCaddy({ upstreamId: 'prevcad-production', previewHeader: HEADER }),
    startNginx({ njs: true, upstreamName: 'prevcmd' }),
  ]);
});
afterAll(async () => {
  await Promise.all([caddy?.stop(), userNginx?.stop()]);
});

previewSuite('Caddy', 'prevcad', () => ({
  url: caddy.url,
  inputs: { router: 'caddy', 'caddy-admin-url': caddy.adminUrl, 'preview-url': caddy.url },
  // Empty: the preview upstreams mirror the live ones (Caddy answers 503 from a reverse_proxy without upstreams).
  previewRoute: async () => {
    const dials = async (id: string) => ((await (await fetch(`${caddy.adminUrl}/id/${id}/upstreams`)).json()) as { dial: string }[] | null ?? []).map((u) => u.dial);
    const [preview, live] = await Promise.all([dials('prevcad-production-preview'), dials('prevcad-production')]);
    return preview.join(' ') === live.join(' ') ? [] : preview;
  },
}));

/**
 * The user's router command: keeps the routes file of their nginx (njs) with jq. read prints the live servers;
 * flip and weights write the pools; preview sets (or, with TARGETS empty, removes) the preview pool.
 */
const COMMAND = [
  'f="$ROUTES_FILE"; [ -s "$f" ] || echo \'{"pools":[]}\' > "$f"',
  'list() { jq -nc --arg t "$1" \'$t | split(" ") | map(select(. != ""))\'; }',
  'case "$ROUTER_ACTION" in',
  '  read) jq -r \'[.pools[] | select(.weight > 0) | .servers[]] | join(" ")\' "$f" ;;',
  '  flip) jq --argjson s "$(list "$TARGETS")" \'.pools = [{weight: 100, servers: $s}]\' "$f" > "$f.tmp" && mv "$f.tmp" "$f" ;;',
  '  preview)',
  '    if [ -n "$TARGETS" ]; then jq --arg h "$PREVIEW_HEADER" --argjson s "$(list "$TARGETS")" \'.preview = {header: $h, servers: $s}\' "$f" > "$f.tmp"',
  '    else jq \'del(.preview)\' "$f" > "$f.tmp"; fi && mv "$f.tmp" "$f" ;;',
  '  *) echo "unexpected ROUTER_ACTION=$ROUTER_ACTION" >&2; exit 1 ;;',
  'esac',
].join('\n');

previewSuite('a router command', 'prevcmd', () => ({
  url: userNginx.url,
  inputs: { router: 'command', 'router-command': COMMAND, 'preview-url': userNginx.url },
  env: { ROUTES_FILE: userNginx.routesFile },
  previewRoute: routesPreview(userNginx.routesFile),
}));

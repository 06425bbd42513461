/*
 * immutable-deploy: route each request by a small file the action rewrites, so nginx needs no reload to
 * switch versions or shift weights (keep-alive client connections are never closed). njs 0.7+ (Debian 12:
 * libnginx-mod-http-js). The file is JSON written atomically (temp file + rename) by the action:
 *   {"pools":[{"version":"v1","weight":90,"servers":["127.0.0.1:49153"]},
 *             {"version":"v2","weight":10,"servers":["127.0.0.1:49160"]}],
 *    "preview":{"header":"X-Preview","version":"v2","servers":["127.0.0.1:49160"]},
 *    "sticky":{"kind":"cookie","name":"user"}}
 * Each request reads it (njs 0.7 keeps no state between requests; the read is a small page-cached file).
 * - preview (testers first): a request that carries the header (any value) goes to a preview server.
 * - sticky (sticky users): a stable hash of the value (a cookie, a request header, the client address) picks
 *   the pool against the weights, and the server within it. The pools are laid end to end on [0, 1) in file
 *   order, the new pool last: raising its share only moves the boundary down, so a client on the new pool
 *   stays there, and only clients of the stable pool move (monotone). A request without the value: at random.
 * - otherwise a pool at random in proportion to the weights, and a server of that pool at random.
 * nginx.conf (see docs/routers.md):
 *   js_import immutable_deploy from /etc/nginx/njs/immutable-deploy.js;
 *   js_set $shop_upstream immutable_deploy.upstream;
 *   location / { set $immutable_deploy_routes /var/lib/immutable-deploy/shop.json; proxy_pass http://$shop_upstream; }
 * Maintenance mode (command: maintenance) adds to the file
 *   "maintenance":{"page":"<html>...","allow":["10.0.0.0/8"],"headers":["x-preview"],"retryAfter":120}
 * and needs, beside the above:
 *   js_set $shop_maintenance immutable_deploy.maintenance;
 *   location / { ...; error_page 418 = @shop_maintenance; if ($shop_maintenance) { return 418; } proxy_pass ...; }
 *   location @shop_maintenance { set $immutable_deploy_routes /var/lib/immutable-deploy/shop.json; js_content immutable_deploy.page; }
 */
var fs = require('fs');
var crypto = require('crypto');

/* Where a request goes when the file is missing or unusable: nothing listens there, nginx answers 502. */
var NOWHERE = '127.0.0.1:1';

/* The nginx variable of a request header: X-Preview -> http_x_preview. */
function headerVariable(name) {
  return 'http_' + name.toLowerCase().replace(/-/g, '_');
}

/* The value a sticky client is known by, or undefined when the request does not carry it. */
function stickyValue(r, sticky) {
  var v;
  if (sticky.kind === 'cookie') v = r.variables['cookie_' + sticky.name];
  else if (sticky.kind === 'header') v = r.variables[headerVariable(sticky.name)];
  else if (sticky.kind === 'source') v = r.variables.remote_addr;
  return v === undefined || v === '' ? undefined : String(v);
}

/* Two independent numbers in [0, 1) from the value: one picks the pool, the other the server. */
function stableHash(value) {
  var hex = crypto.createHash('md5').update(value).digest('hex');
  return [parseInt(hex.slice(0, 8), 16) / 4294967296, parseInt(hex.slice(8, 16), 16) / 4294967296];
}

function upstream(r) {
  var path = r.variables.immutable_deploy_routes;
  if (!path) {
    r.error('immutable-deploy: $immutable_deploy_routes is not set in this location (set it to the nginx-routes-file path)');
    return NOWHERE;
  }
  var routes;
  try {
    routes = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (e) {
    r.error('immutable-deploy: cannot read ' + path + ': ' + e.message);
    return NOWHERE;
  }
  var preview = routes && routes.preview;
  if (preview && preview.header && preview.servers && preview.servers.length > 0 && r.variables[headerVariable(preview.header)] !== undefined) {
    return preview.servers[Math.floor(Math.random() * preview.servers.length)];
  }
  var pools = (routes && routes.pools) || [];
  var usable = [];
  var total = 0;
  for (var i = 0; i < pools.length; i++) {
    var p = pools[i];
    if (p && p.weight > 0 && p.servers && p.servers.length > 0) {
      usable.push(p);
      total += p.weight;
    }
  }
  if (total <= 0) return NOWHERE;
  var key = routes.sticky ? stickyValue(r, routes.sticky) : undefined;
  var h = key === undefined ? [Math.random(), Math.random()] : stableHash(key);
  var x = h[0] * total;
  var chosen = usable[usable.length - 1];
  for (var j = 0; j < usable.length; j++) {
    if (x < usable[j].weight) {
      chosen = usable[j];
      break;
    }
    x -= usable[j].weight;
  }
  return chosen.servers[Math.floor(h[1] * chosen.servers.length)];
}

/* The routes file of this location, parsed; undefined (logged) when it cannot be read. */
function readRoutes(r) {
  var path = r.variables.immutable_deploy_routes;
  if (!path) {
    r.error('immutable-deploy: $immutable_deploy_routes is not set in this location (set it to the nginx-routes-file path)');
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (e) {
    r.error('immutable-deploy: cannot read ' + path + ': ' + e.message);
    return undefined;
  }
}

/* The 16 bytes of an IPv4 (as ::ffff:a.b.c.d) or IPv6 address; undefined when it is neither. */
function addressBytes(text) {
  var a = String(text).replace(/^\[|\]$/g, '');
  var v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, +v4[1], +v4[2], +v4[3], +v4[4]];
  if (a.indexOf(':') < 0) return undefined;
  var tail4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (tail4) a = a.slice(0, a.length - tail4[0].length) + ((+tail4[1] << 8) | +tail4[2]).toString(16) + ':' + ((+tail4[3] << 8) | +tail4[4]).toString(16);
  var halves = a.split('::');
  var words = function (s) {
    return s ? s.split(':').map(function (w) { return parseInt(w, 16) || 0; }) : [];
  };
  var head = words(halves[0]);
  var tail = halves.length > 1 ? words(halves[1]) : [];
  var all = head.slice();
  if (halves.length > 1) for (var z = head.length + tail.length; z < 8; z++) all.push(0);
  all = all.concat(tail);
  var out = [];
  for (var i = 0; i < 8; i++) out.push((all[i] >> 8) & 255, all[i] & 255);
  return out;
}

/* True when the address lies in one of the ranges (address/prefix). */
function inRanges(address, ranges) {
  var client = addressBytes(address);
  if (!client) return false;
  for (var n = 0; n < ranges.length; n++) {
    var parts = String(ranges[n]).split('/');
    var net = addressBytes(parts[0]);
    if (!net) continue;
    var v4 = parts[0].indexOf(':') < 0;
    var bits = parts.length > 1 ? +parts[1] + (v4 ? 96 : 0) : 128;
    var match = true;
    for (var b = 0; b < bits && match; b++) {
      var mask = 128 >> (b & 7);
      if ((client[b >> 3] & mask) !== (net[b >> 3] & mask)) match = false;
    }
    if (match) return true;
  }
  return false;
}

/* js_set: '1' when maintenance is on and this client is not let through, else ''. */
function maintenance(r) {
  var routes = readRoutes(r);
  var m = routes && routes.maintenance;
  if (!m) return '';
  var headers = m.headers || [];
  for (var i = 0; i < headers.length; i++) if (r.headersIn[headers[i]] !== undefined) return '';
  return inRanges(r.remoteAddress, m.allow || []) ? '' : '1';
}

/* js_content of the maintenance location: 503, Retry-After and the page. */
function page(r) {
  var routes = readRoutes(r);
  var m = (routes && routes.maintenance) || {};
  r.headersOut['Retry-After'] = String(m.retryAfter || 120);
  r.headersOut['Content-Type'] = 'text/html; charset=utf-8';
  r.headersOut['Cache-Control'] = 'no-store';
  r.return(503, m.page || '<!doctype html><title>Down for maintenance</title><h1>Down for maintenance</h1>');
}

export default { upstream: upstream, maintenance: maintenance, page: page };

/*
 * immutable-deploy: route each request by a small file the action rewrites, so nginx needs no reload to
 * switch versions or shift weights (keep-alive client connections are never closed). njs 0.7+ (Debian 12:
 * libnginx-mod-http-js). The file is JSON written atomically (temp file + rename) by the action:
 *   {"pools":[{"version":"v1","weight":90,"servers":["127.0.0.1:49153"]},
 *             {"version":"v2","weight":10,"servers":["127.0.0.1:49160"]}]}
 * Each request reads it (njs 0.7 keeps no state between requests; the read is a small page-cached file),
 * picks a pool at random in proportion to the weights and a server of that pool at random.
 * nginx.conf (see docs/routers.md):
 *   js_import immutable_deploy from /etc/nginx/njs/immutable-deploy.js;
 *   js_set $shop_upstream immutable_deploy.upstream;
 *   location / { set $immutable_deploy_routes /var/lib/immutable-deploy/shop.json; proxy_pass http://$shop_upstream; }
 */
var fs = require('fs');

/* Where a request goes when the file is missing or unusable: nothing listens there, nginx answers 502. */
var NOWHERE = '127.0.0.1:1';

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
  var x = Math.random() * total;
  var chosen = usable[usable.length - 1];
  for (var j = 0; j < usable.length; j++) {
    if (x < usable[j].weight) {
      chosen = usable[j];
      break;
    }
    x -= usable[j].weight;
  }
  return chosen.servers[Math.floor(Math.random() * chosen.servers.length)];
}

export default { upstream: upstream };

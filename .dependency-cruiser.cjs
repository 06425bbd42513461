/**
 * The layering of src/, checked in `npm run lint` (docs/architecture.md "Layers"). From the bottom:
 *   support (errors, exec, log, secrets, interrupt) and drivers (Engine API, docker CLI): no domain imports;
 *   core: the pure model (model, run spec, labels, plan, history): imports nothing outside it;
 *   config: the input table, the reader, cross-input rules -> a typed Config;
 *   services: analysis, verify, build, policy, drift, github, routers, notify: each beside the others, none above;
 *   platforms: Docker and Kubernetes behind one Platform interface;
 *   release: the one release, over the Platform and Router interfaces only;
 *   action: the @actions/core boundary and the dispatch that wires a platform and a router to a use case;
 *   cli: the command line over the action's dispatch (flags read onto the input table; text or JSON out).
 */
const layer = (names) => `^src/(${names.join('|')})(/|\\.ts$)`;
const below = {
  support: [],
  drivers: ['support'],
  core: [],
  config: ['core', 'support'],
  analysis: ['config', 'core', 'support', 'drivers'],
  verify: ['config', 'core', 'support'],
  build: ['config', 'core', 'support', 'drivers', 'github', 'policy'],
  policy: ['config', 'core', 'support', 'drivers', 'github'],
  drift: ['config', 'core', 'support'],
  github: ['config', 'core', 'support'],
  routers: ['config', 'core', 'support', 'drivers'],
  notify: ['config', 'core', 'support'],
  platforms: ['config', 'core', 'support', 'drivers', 'routers', 'drift', 'verify', 'build', 'github'],
  release: ['config', 'core', 'support', 'analysis', 'verify', 'build', 'github', 'drift', 'policy', 'platforms', 'routers', 'notify'],
  action: ['config', 'core', 'support', 'drivers', 'analysis', 'verify', 'build', 'github', 'drift', 'policy', 'platforms', 'routers', 'notify', 'release'],
  cli: ['action', 'config', 'core', 'support', 'drivers', 'analysis', 'verify', 'build', 'github', 'drift', 'policy', 'platforms', 'routers', 'notify', 'release'],
};
const all = Object.keys(below);
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'A cycle ties layers together: move the shared piece down.', from: {}, to: { circular: true } },
    ...Object.entries(below).map(([name, allowed]) => ({
      name: `${name}-imports-only-below`,
      severity: 'error',
      comment: `src/${name} may import only ${allowed.length ? allowed.join(', ') : 'itself'} (docs/architecture.md "Layers").`,
      from: { path: layer([name]) },
      to: { path: layer(all.filter((l) => l !== name && !allowed.includes(l))) },
    })),
    {
      name: 'release-through-interfaces',
      severity: 'error',
      comment: 'Release code sees platforms and routers only through their interfaces (platforms/types.ts, platforms/lock.ts, routers/types.ts).',
      from: { path: '^src/release/' },
      to: { path: '^src/(platforms|routers)/', pathNot: '^src/(platforms/(types|lock)|routers/types)\\.ts$' },
    },
    {
      name: 'no-router-internals',
      severity: 'error',
      comment: "A router's internals are its own: others use routers/types.ts (or the router's exported helpers through its index).",
      from: { path: '^src/', pathNot: '^src/(routers|action|cli)/' },
      to: { path: '^src/routers/[^/]+/', pathNot: '^src/routers/[^/]+/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

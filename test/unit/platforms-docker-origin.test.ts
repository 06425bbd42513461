/**
 * Where a Docker run's records come from (src/platforms/docker/index.ts recordOrigin): the runner's own engine only
 * through unix sockets on the runner; an engine over tcp:// or ssh:// (a hosts line or DOCKER_HOST) is remote.
 */
import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../src/drivers/docker/endpoint.js';
import { recordOrigin } from '../../src/platforms/docker/index.js';

const none = () => undefined;
const at = (explicit: string | undefined, env: NodeJS.ProcessEnv = {}) => resolveEndpoint(explicit, env, none);

describe('recordOrigin', () => {
  it('the default socket, or a unix socket named by DOCKER_HOST or a hosts line: the runner\'s own', () => {
    expect(recordOrigin([at(undefined)])).toBe('runner');
    expect(recordOrigin([at(undefined, { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })])).toBe('runner');
    expect(recordOrigin([at('unix:///var/run/docker.sock')])).toBe('runner');
  });

  it('any engine over tcp:// or ssh:// (a target, or DOCKER_HOST pointing elsewhere) makes the records remote', () => {
    expect(recordOrigin([at('ssh://root@10.0.0.5')])).toBe('remote');
    expect(recordOrigin([at('tcp://127.0.0.1:2375')])).toBe('remote');
    expect(recordOrigin([at(undefined, { DOCKER_HOST: 'ssh://deploy@web1' })])).toBe('remote');
    expect(recordOrigin([at(undefined), at('ssh://root@10.0.0.5')])).toBe('remote');
  });
});

import { describe, expect, it } from 'vitest';
import { maskUrlCredentials } from '../../src/config/read.js';
import { splitCredentials } from '../../src/routers/caddy/index.js';
import { childEnv, isActionOnly, maskable, redact, registerSecret } from '../../src/support/secrets.js';

describe('secrets', () => {
  it.each([
    ['true', false],
    ['1', false],
    ['abc', false],
    ['NONE', false],
    ['abcd', true],
    ['1234', true],
  ])('%s is maskable: %s', (v, ok) => expect(maskable(v)).toBe(ok));

  it('redacts registered values, longest first, and never short ones', () => {
    registerSecret('tok-abc');
    registerSecret('tok-abc-long');
    registerSecret('1');
    expect(redact('a tok-abc-long b tok-abc c 1 true')).toBe('a *** b *** c 1 true');
  });

  it('gives children the environment a run: step gets, without the action inputs, state and tokens', () => {
    const env = childEnv(
      { TARGET_URL: 'http://127.0.0.1:1' },
      {
        PATH: '/bin',
        HOME: '/root',
        HTTPS_PROXY: 'http://runner-proxy:3128',
        GITHUB_SHA: 'abc',
        'INPUT_REGISTRY-PASSWORD': 'pw',
        'INPUT_SECRET-ENV': 'A=b',
        INPUT_GITHUB_TOKEN: 'ghs',
        'STATE_registry-logins': '[""]',
        ACTIONS_RUNTIME_TOKEN: 't',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
        GITHUB_OUTPUT: '/x/out',
        GITHUB_STATE: '/x/state',
        UNSET: undefined,
      },
    );
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/root',
      HTTPS_PROXY: 'http://runner-proxy:3128',
      GITHUB_SHA: 'abc',
      TARGET_URL: 'http://127.0.0.1:1',
    });
    expect(isActionOnly('GITHUB_ENV')).toBe(false);
  });

  it('masks the user:password of a URL input, as written and decoded', () => {
    const masked: string[] = [];
    const hooks = { mask: (v: string) => void masked.push(v), warn: () => undefined };
    maskUrlCredentials('https://admin:p%40ss-word@caddy.internal:2019', hooks);
    expect(masked).toEqual(['admin:p%40ss-word', 'p%40ss-word', 'p@ss-word']);
    masked.length = 0;
    maskUrlCredentials('http://127.0.0.1:2019', hooks);
    expect(masked).toEqual([]);
  });

  it('turns URL credentials into a basic Authorization header (fetch refuses them in the URL)', () => {
    expect(splitCredentials('http://127.0.0.1:2019/id/x')).toEqual({ href: 'http://127.0.0.1:2019/id/x' });
    expect(splitCredentials('https://admin:p%40ss@caddy:2019/id/x')).toEqual({
      href: 'https://caddy:2019/id/x',
      authorization: `Basic ${Buffer.from('admin:p@ss').toString('base64')}`,
    });
  });
});

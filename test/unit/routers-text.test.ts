/** Pure parts of the routers: text builders and parsers. */
import { describe, expect, it } from 'vitest';
import { idUrl, readHandler, upstreamsBody } from '../../src/routers/caddy/handler.js';
import { commandEnv, lastLine, previewEnv } from '../../src/routers/command/env.js';
import { parseTargetText } from '../../src/routers/command/target-text.js';
import {
  configSnippet,
  isIpLiteral,
  liveTarget,
  parseServersState,
  parseSocketAddress,
  poolSlots,
  runtimeError,
  serving,
  setAddrCommand,
  setMaintCommand,
  templateSnippet,
} from '../../src/routers/haproxy/state.js';
import { parseCmdline, parsePidFile, parseStatPpid, reloadDone, type ProcInfo } from '../../src/routers/nginx/processes.js';
import { parseUpstream, renderUpstream } from '../../src/routers/nginx/upstream.js';

describe('nginx upstream file', () => {
  it('renders and parses back', () => {
    const text = renderUpstream('shop', [{ host: '127.0.0.1', port: 49153 }], 'v1.2');
    expect(text).toContain('upstream shop {\n    server 127.0.0.1:49153;\n}\n');
    expect(parseUpstream(text, 'shop')).toEqual([{ host: '127.0.0.1', port: 49153 }]);
    expect(parseUpstream(renderUpstream('s', [{ host: '::1', port: 80 }]), 's')).toEqual([{ host: '::1', port: 80 }]);
  });
  it('renders one server line per instance of a pool, and reads them all back in order', () => {
    const pool = [
      { host: '10.77.1.2', port: 49153 },
      { host: '10.77.1.2', port: 49154 },
      { host: '10.77.2.2', port: 49153 },
    ];
    const text = renderUpstream('shop', pool, 'v2');
    expect(text).toContain('upstream shop {\n    server 10.77.1.2:49153;\n    server 10.77.1.2:49154;\n    server 10.77.2.2:49153;\n}\n');
    expect(parseUpstream(text, 'shop')).toEqual(pool);
  });
  it.each([
    ['', []],
    ['upstream other { server 1.2.3.4:5; }', []],
    ['upstream shop { server 127.0.0.1:1 down; }', []],
    ['# upstream shop { server 9.9.9.9:9; }\nupstream shop {\n  server 10.0.0.1:81 max_fails=0;\n}', [{ host: '10.0.0.1', port: 81 }]],
    ['upstream shop-old { server 1.1.1.1:1; } upstream shop { keepalive 4; server a.b:7; }', [{ host: 'a.b', port: 7 }]],
    ['upstream shop { server 1.1.1.1:1; server 2.2.2.2:2 backup; server 3.3.3.3:3; }', [{ host: '1.1.1.1', port: 1 }, { host: '3.3.3.3', port: 3 }]],
  ])('parses %j', (text, want) => {
    expect(parseUpstream(text, 'shop')).toEqual(want);
  });
  it('rejects a server that is not host:port', () => {
    expect(() => parseUpstream('upstream shop { server unix:/tmp/s.sock; }', 'shop')).toThrow(/not host:port/);
  });
});

describe('nginx reload detection', () => {
  const p = (pid: number, ppid: number, title: string): ProcInfo => ({ pid, ppid, title });
  it('parses /proc text', () => {
    expect(parseStatPpid('123 (nginx: worker) S 100 123 123 0')).toBe(100);
    expect(parseStatPpid('123 (a) b)) S 7 1')).toBe(7);
    expect(parseCmdline('nginx: worker process\0\0')).toBe('nginx: worker process');
    expect(parsePidFile('4242\n')).toBe(4242);
    expect(parsePidFile('')).toBeUndefined();
  });
  it('is done only when all active workers are new', () => {
    const before = new Set([11, 12]);
    const master = p(10, 1, 'nginx: master process nginx -c x');
    expect(reloadDone([master, p(11, 10, 'nginx: worker process'), p(12, 10, 'nginx: worker process')], 10, before)).toBe(false);
    expect(reloadDone([master, p(11, 10, 'nginx: worker process'), p(13, 10, 'nginx: worker process')], 10, before)).toBe(false);
    expect(
      reloadDone([master, p(11, 10, 'nginx: worker process is shutting down'), p(13, 10, 'nginx: worker process'), p(14, 10, 'nginx: worker process')], 10, before),
    ).toBe(true);
    expect(reloadDone([master, p(11, 10, 'nginx: worker process is shutting down')], 10, before)).toBe(false);
    expect(reloadDone([master, p(20, 99, 'nginx: worker process')], 10, before)).toBe(false);
  });
});

describe('haproxy runtime text', () => {
  const state = `1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
3 shop 1 live 127.0.0.1 0 5 1 1 1 1 0 0 14 0 0 0 - 1 - 0 0 - - 0
3 shop 2 other 10.0.0.2 2 0 1 1 5 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0
4 api 1 live 10.0.0.3 2 0 1 1 5 15 3 3 6 0 0 0 - 81 - 0 0 - - 0
`;
  it('parses show servers state by header names', () => {
    const s = parseServersState(state);
    expect(s).toHaveLength(3);
    expect(s[0]).toMatchObject({ backend: 'shop', server: 'live', addr: '127.0.0.1', port: 1, opState: 0, adminState: 5 });
    expect(liveTarget(s[0]!)).toBeUndefined(); // disabled placeholder
    expect(liveTarget(s[1]!)).toEqual({ host: '10.0.0.2', port: 8080 });
    expect(serving(s[1]!)).toBe(true); // no checks
    expect(serving(s[2]!)).toBe(true); // check passed
    expect(serving({ ...s[2]!, checkResult: 0 })).toBe(false); // checked, not yet passed
    expect(parseServersState("Can't find backend.\n")).toEqual([]);
  });
  it('builds commands and reads replies', () => {
    expect(setAddrCommand('shop', 'live', { host: '127.0.0.1', port: 5 })).toBe('set server shop/live addr 127.0.0.1 port 5');
    expect(runtimeError('')).toBeUndefined();
    expect(runtimeError('IP changed from 127.0.0.1 to 127.0.0.1, port changed from 1 to 5 by stats socket command\n')).toBeUndefined();
    expect(runtimeError('No such server.\n')).toBe('No such server.');
    // several `;`-separated commands answer line by line: one refusal among them is an error
    expect(runtimeError('IP changed from a to b by stats socket command\nNo such server.\n')).toBe('No such server.');
    expect(setMaintCommand('shop', 'live2')).toBe('set server shop/live2 state maint');
    expect(configSnippet('shop', 'live')).toContain('backend shop\n    server live 127.0.0.1:1 disabled');
    expect(templateSnippet('shop', 'live', 4)).toBe('backend shop\n    server-template live 1-4 127.0.0.1:1 disabled');
  });
  it('finds the pool slots: <server>1..N in number order, else the one <server>', () => {
    const srv = (backend: string, server: string) => ({ ...parseServersState(state)[0]!, backend, server });
    const states = [srv('shop', 'live10'), srv('shop', 'live2'), srv('shop', 'live1'), srv('shop', 'lively'), srv('api', 'live3')];
    expect(poolSlots(states, 'shop', 'live').map((s) => s.server)).toEqual(['live1', 'live2', 'live10']);
    expect(poolSlots([srv('shop', 'live'), srv('shop', 'other')], 'shop', 'live').map((s) => s.server)).toEqual(['live']);
    expect(poolSlots([srv('shop', 'other')], 'shop', 'live')).toEqual([]);
  });
  it.each([
    ['/run/haproxy/admin.sock', { path: '/run/haproxy/admin.sock' }],
    ['unix@/tmp/a.sock', { path: '/tmp/a.sock' }],
    ['127.0.0.1:9999', { host: '127.0.0.1', port: 9999 }],
    ['[::1]:9999', { host: '::1', port: 9999 }],
    ['admin.sock', { path: 'admin.sock' }],
  ])('socket address %s', (text, want) => {
    expect(parseSocketAddress(text)).toEqual(want);
  });
  it('knows IP literals', () => {
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('::1')).toBe(true);
    expect(isIpLiteral('localhost')).toBe(false);
  });
});

describe('caddy handler', () => {
  it('builds URLs and bodies, reads the handler', () => {
    expect(idUrl('http://127.0.0.1:2019/', 'shop', '/upstreams')).toBe('http://127.0.0.1:2019/id/shop/upstreams');
    expect(JSON.parse(upstreamsBody([{ host: '::1', port: 80 }]))).toEqual([{ dial: '[::1]:80' }]);
    expect(JSON.parse(upstreamsBody([{ host: '10.77.1.2', port: 80 }, { host: '10.77.2.2', port: 81 }]))).toEqual([
      { dial: '10.77.1.2:80' },
      { dial: '10.77.2.2:81' },
    ]);
    expect(readHandler({ handler: 'reverse_proxy', upstreams: [{ dial: '127.0.0.1:81' }] }, 'x')).toEqual({
      isReverseProxy: true,
      hasUpstreams: true,
      dials: [{ host: '127.0.0.1', port: 81 }],
    });
    expect(readHandler({ handler: 'reverse_proxy', upstreams: [{ dial: '127.0.0.1:81' }, { dial: '127.0.0.1:82' }] }, 'x').dials).toEqual([
      { host: '127.0.0.1', port: 81 },
      { host: '127.0.0.1', port: 82 },
    ]);
    expect(readHandler({ handler: 'reverse_proxy' }, 'x')).toEqual({ isReverseProxy: true, hasUpstreams: false, dials: [] });
    expect(readHandler({ handler: 'file_server' }, 'x').isReverseProxy).toBe(false);
    expect(() => readHandler({ handler: 'reverse_proxy', upstreams: [{ dial: 'unix//x.sock' }] }, 'x')).toThrow(/not an address/);
  });
});

describe('command router text', () => {
  it('ROUTER_ACTION=preview: PREVIEW_HEADER and TARGETS; empty TARGETS empties the route; the flip variables cleared', () => {
    expect(previewEnv('X-Preview', [{ host: '127.0.0.1', port: 4001 }, { host: '::1', port: 4002 }], 'v2')).toEqual({
      ROUTER_ACTION: 'preview',
      PREVIEW_HEADER: 'X-Preview',
      TARGETS: '127.0.0.1:4001 [::1]:4002',
      ROUTES: '',
      TARGET_HOST: '',
      TARGET_PORT: '',
      TARGET_URL: '',
      VERSION: 'v2',
    });
    expect(previewEnv('X-Preview', [], 'v2')).toMatchObject({ ROUTER_ACTION: 'preview', TARGETS: '', VERSION: '' });
  });

  it.each([
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['  http://10.0.0.1:81/ ', { host: '10.0.0.1', port: 81 }],
    ['[::1]:443', { host: '::1', port: 443 }],
    ['', undefined],
  ])('parses %j', (text, want) => {
    expect(parseTargetText(text, 'x')).toEqual(want);
  });
  it.each(['localhost', '1.2.3.4:0', '1.2.3.4:70000', 'a b:1', '::1:80'])('rejects %j', (text) => {
    expect(() => parseTargetText(text, 'The line')).toThrow(/The line is .* not an address/);
  });
  it('builds the env for flip and read', () => {
    expect(commandEnv('flip', { addresses: [{ host: '127.0.0.1', port: 5 }], weight: 100, version: 'v1' })).toEqual({
      ROUTER_ACTION: 'flip',
      ROUTES: '100 v1 127.0.0.1:5',
      TARGETS: '127.0.0.1:5',
      TARGET_HOST: '127.0.0.1',
      TARGET_PORT: '5',
      TARGET_URL: 'http://127.0.0.1:5',
      VERSION: 'v1',
    });
    expect(
      commandEnv('flip', { addresses: [{ host: '10.77.1.2', port: 5 }, { host: '::1', port: 6 }], weight: 100, version: 'v2' }),
    ).toMatchObject({ TARGETS: '10.77.1.2:5 [::1]:6', TARGET_HOST: '10.77.1.2', TARGET_PORT: '5', TARGET_URL: 'http://10.77.1.2:5' });
    expect(commandEnv('read')).toMatchObject({ ROUTER_ACTION: 'read', TARGETS: '', TARGET_HOST: '', VERSION: '' });
    expect(lastLine('a\nb:1\n\n')).toBe('b:1');
    expect(lastLine('')).toBe('');
  });
});

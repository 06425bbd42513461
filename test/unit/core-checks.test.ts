import { describe, expect, it } from 'vitest';
import { CheckSyntaxError, parseCheck, parseChecks } from '../../src/core/checks.js';

describe('check syntax', () => {
  it.each([
    ['GET /healthz 200', { method: 'GET', path: '/healthz', status: 200 }],
    ['get / 200 contains "Welcome home"', { method: 'GET', contains: 'Welcome home' }],
    ['GET /api/status 200 json .ok == true', { json: { path: ['ok'], op: '==', value: true } }],
    ['GET /api 200 json .data.count != 0', { json: { path: ['data', 'count'], op: '!=', value: 0 } }],
    ['GET /api 200 json .env == "prod"', { json: { path: ['env'], op: '==', value: 'prod' } }],
    ['HEAD /ping 204 within 300ms', { method: 'HEAD', status: 204, maxMs: 300 }],
    ['GET / 301 within 2s', { status: 301, maxMs: 2000 }],
  ])('%s', (line, expected) => {
    expect(parseCheck(line)).toMatchObject({ source: line, ...expected });
  });

  it.each([
    ['FETCH / 200', /not an HTTP method/],
    ['GET healthz 200', /must start with/],
    ['GET / ok', /not an HTTP status/],
    ['GET / 200 contains', /needs a text/],
    ['GET / 200 json ok == 1', /needs a field/],
    ['GET / 200 json .ok = 1', /== or !=/],
    ['GET / 200 within fast', /duration/],
    ['GET / 200 please', /unknown word "please"/],
    ['GET / 200 contains "open', /unterminated/],
  ])('rejects %s, quoting the line', (line, why) => {
    expect(() => parseCheck(line)).toThrow(CheckSyntaxError);
    expect(() => parseCheck(line)).toThrow(why);
    expect(() => parseCheck(line)).toThrow(line.includes('"open') ? /unterminated/ : line);
  });

  it('skips blank lines and comments', () => {
    expect(parseChecks('\n# smoke\nGET / 200\n\n')).toHaveLength(1);
  });
});

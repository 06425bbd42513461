import { describe, expect, it } from 'vitest';
import { describeSticky, formatSticky, isHeaderName, parseSticky } from '../../src/core/sticky.js';

describe('sticky (src/core/sticky.ts)', () => {
  it('reads cookie:<name>, header:<name> and source, and writes them back', () => {
    for (const text of ['cookie:user', 'header:X-User', 'source']) expect(formatSticky(parseSticky(text)!)).toBe(text);
    expect(parseSticky(' cookie:session_id ')).toEqual({ kind: 'cookie', name: 'session_id' });
    expect(describeSticky({ kind: 'header', name: 'X-User' })).toBe('the request header X-User');
    expect(describeSticky({ kind: 'source' })).toBe('the client address');
  });
  it('refuses anything else: no name, a name that is no HTTP token, another kind', () => {
    for (const text of ['cookie:', 'cookie', 'header:X User', 'cookie:a;b', 'ip', 'cookie:user:x y', 'query:id']) expect(parseSticky(text), text).toBeUndefined();
  });
  it('knows an HTTP header name', () => {
    expect(isHeaderName('X-Preview')).toBe(true);
    expect(isHeaderName('X Preview')).toBe(false);
    expect(isHeaderName('X-Preview:')).toBe(false);
  });
});

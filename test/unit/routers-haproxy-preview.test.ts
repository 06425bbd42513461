import { describe, expect, it } from 'vitest';
import { backendAlgo, hashes, previewSnippet, previewUseBackend, stickyBalance, stickySnippet } from '../../src/routers/haproxy/preview.js';

describe('HAProxy preview route and sticky users (src/routers/haproxy/preview.ts)', () => {
  it('gives the frontend line and the preview backend of slots', () => {
    expect(previewUseBackend('shop', 'X-Preview')).toBe('use_backend shop-preview if { req.hdr(x-preview) -m found } { nbsrv(shop-preview) gt 0 }');
    expect(previewSnippet('shop', 'live', 'X-Preview', 2)).toBe(
      [
        'frontend <yours>',
        '    use_backend shop-preview if { req.hdr(x-preview) -m found } { nbsrv(shop-preview) gt 0 }',
        '    default_backend shop',
        'backend shop-preview',
        '    server-template live 1-2 127.0.0.1:1 disabled',
      ].join('\n'),
    );
  });
  it('hashes the value sticky names, consistently', () => {
    expect(stickyBalance({ kind: 'cookie', name: 'user' })).toBe('balance hash req.cook(user)');
    expect(stickyBalance({ kind: 'header', name: 'X-User' })).toBe('balance hdr(X-User)');
    expect(stickyBalance({ kind: 'source' })).toBe('balance source');
    expect(stickySnippet('shop', { kind: 'source' })).toBe('backend shop\n    balance source\n    hash-type consistent');
  });
  it("reads a backend's balance algorithm from `show stat`", () => {
    const csv = [
      '# pxname,svname,qcur,status,algo,uweight',
      'web,FRONTEND,,OPEN,,',
      'shop,app1,0,MAINT,,1',
      'shop,BACKEND,0,UP,hash,2',
      'other,BACKEND,0,UP,roundrobin,1',
      '',
    ].join('\n');
    expect(backendAlgo(csv, 'shop')).toBe('hash');
    expect(backendAlgo(csv, 'other')).toBe('roundrobin');
    expect(backendAlgo(csv, 'none')).toBeUndefined();
    expect(backendAlgo('# pxname,svname\nshop,BACKEND\n', 'shop')).toBeUndefined();
    expect(['hash', 'source', 'hdr'].every(hashes)).toBe(true);
    expect(['roundrobin', 'leastconn', 'static-rr', 'random'].some(hashes)).toBe(false);
  });
});

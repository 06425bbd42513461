/** Caddy admin API paths and the reverse_proxy handler JSON. Pure. */
import { parseTargetText } from '../command/target-text.js';
import type { Address } from '../types.js';
import { formatAddress, sameAddress } from '../types.js';

export function idUrl(adminUrl: string, id: string, sub = ''): string {
  return `${adminUrl.replace(/\/+$/, '')}/id/${encodeURIComponent(id)}${sub}`;
}

/** The handler's `upstreams` list: one dial address per instance of the pool. */
export function upstreamsBody(targets: Address[]): string {
  return JSON.stringify(targets.map((t) => ({ dial: formatAddress(t) })));
}

export interface HandlerView {
  isReverseProxy: boolean;
  hasUpstreams: boolean;
  /** Every upstream's dial address, in order. */
  dials: Address[];
}

/** Read what we need from the JSON object at /id/<id>. Throws when a dial is not host:port. */
export function readHandler(json: unknown, id: string): HandlerView {
  const obj = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const ups = obj['upstreams'];
  const list = Array.isArray(ups) ? (ups as unknown[]) : [];
  const dials = list.flatMap((u, n) => {
    const dial = (u as Record<string, unknown> | undefined)?.['dial'];
    return typeof dial === 'string' ? (parseTargetText(dial, `The dial address of upstream ${n + 1} of "@id": "${id}"`) ?? []) : [];
  });
  return { isReverseProxy: obj['handler'] === 'reverse_proxy', hasUpstreams: Array.isArray(ups), dials };
}

export function configSnippet(id: string): string {
  return `{ "handler": "reverse_proxy", "@id": "${id}", "upstreams": [] }`;
}

/** Pure: the same upstreams in the same order (an empty preview route mirrors the live one: src/routers/caddy/index.ts). */
export function sameDials(a: readonly Address[], b: readonly Address[]): boolean {
  return a.length === b.length && a.every((x, n) => sameAddress(x, b[n]));
}

/** Caddy admin API paths and the reverse_proxy handler JSON. Pure. */
import { parseTargetText } from '../command/target-text.js';
import type { Target } from '../types.js';
import { formatTarget } from '../types.js';

export function idUrl(adminUrl: string, id: string, sub = ''): string {
  return `${adminUrl.replace(/\/+$/, '')}/id/${encodeURIComponent(id)}${sub}`;
}

export function upstreamsBody(t: Target): string {
  return JSON.stringify([{ dial: formatTarget(t) }]);
}

export interface HandlerView {
  isReverseProxy: boolean;
  hasUpstreams: boolean;
  first: Target | undefined;
}

/** Read what we need from the JSON object at /id/<id>. Throws when the first dial is not host:port. */
export function readHandler(json: unknown, id: string): HandlerView {
  const obj = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const ups = obj['upstreams'];
  const list = Array.isArray(ups) ? (ups as unknown[]) : [];
  const dial = (list[0] as Record<string, unknown> | undefined)?.['dial'];
  return {
    isReverseProxy: obj['handler'] === 'reverse_proxy',
    hasUpstreams: Array.isArray(ups),
    first: typeof dial === 'string' ? parseTargetText(dial, `The dial address of the first upstream of "@id": "${id}"`) : undefined,
  };
}

export function configSnippet(id: string): string {
  return `{ "handler": "reverse_proxy", "@id": "${id}", "upstreams": [] }`;
}

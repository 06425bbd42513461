/** One HTTP request with a time limit, returning what the checks need. Uses Node's built-in fetch (undici). */
export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
}

export async function request(url: string, method = 'GET', timeoutMs = 5000): Promise<HttpAnswer> {
  const started = performance.now();
  const res = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  const body = method === 'HEAD' ? '' : await res.text();
  return { status: res.status, body, ms: Math.round(performance.now() - started) };
}

export function describeFetchError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

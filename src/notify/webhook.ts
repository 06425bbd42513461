/**
 * Delivery of one event body to the `notify-webhook` URLs: each URL on its own, a time limit per attempt,
 * retries on a network error, a timeout or a 5xx/429 answer. A delivery that fails is a warning, never a
 * failed run; the URL (a secret: masked, never recorded) is named by its line and host only.
 */
import { describeFetchError, request } from '../support/http.js';
import type { Log } from '../support/log.js';

export const ATTEMPTS = 3;
/** Per attempt. IMMUTABLE_DEPLOY_TEST_NOTIFY_TIMEOUT_MS (tests only) shortens it. */
export const TIMEOUT_MS = 5000;
const BACKOFF_MS = 1000;

export function timeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const t = Number(env.IMMUTABLE_DEPLOY_TEST_NOTIFY_TIMEOUT_MS);
  return Number.isInteger(t) && t > 0 ? t : TIMEOUT_MS;
}

/** How a URL is named in messages: its line and host, never its path or query (where the secret usually is). */
export function urlName(url: string, n: number, of: number): string {
  let host = '?';
  try {
    host = new URL(url).host;
  } catch {
    // the input rule accepted it as http(s); a URL the parser refuses is named by its line only
  }
  return `notify-webhook${of > 1 ? ` line ${n + 1}` : ''} (${host})`;
}

/** Sends `body` to `url`; resolves with undefined when delivered, else why not (after the retries). */
export async function deliver(url: string, body: unknown, wait: (ms: number) => Promise<void>, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  let why = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const a = await request(url, { json: body, timeoutMs: timeoutMs(env) });
      if (a.status >= 200 && a.status < 300) return undefined;
      why = `answered ${a.status}${a.body.trim() ? `: ${a.body.trim().split('\n')[0]!.slice(0, 200)}` : ''}`;
      // A 4xx other than 429 will not change on a retry (a wrong URL, a revoked hook, a body refused).
      if (a.status < 500 && a.status !== 429) return why;
    } catch (err) {
      why = describeFetchError(err);
    }
    if (attempt < ATTEMPTS) await wait(BACKOFF_MS * attempt);
  }
  return `${why} (${ATTEMPTS} attempts)`;
}

/** Sends to every URL at once; a failed one is a warning. */
export async function deliverAll(urls: readonly string[], body: unknown, what: string, log: Log): Promise<void> {
  const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  await Promise.all(
    urls.map(async (url, n) => {
      const why = await deliver(url, body, wait);
      if (why) log.warning(`Could not send the "${what}" notification to ${urlName(url, n, urls.length)}: ${why}. The release is not affected.`, 'Notification not sent');
    }),
  );
}

/**
 * Recorded traffic for canary tests: load loops through the balancer (keep-alive clients and a
 * connection per request) that note when each request started and what it got, and marks noted when
 * a line first appears in the action's log. Shares per step are counted between marks.
 */
import { appendFileSync } from 'node:fs';
import http from 'node:http';

export interface Answer {
  /** performance.now() when the request was sent. */
  start: number;
  /** The body, `status NNN` appended when not 200, or the network error code. */
  what: string;
  status: number;
}

export interface Traffic {
  answers: Answer[];
  stop(): Promise<Answer[]>;
}

export function recordTraffic(url: string, o: { concurrency?: number; maxMs?: number } = {}): Traffic {
  const answers: Answer[] = [];
  let done = false;
  const end = performance.now() + (o.maxMs ?? 120_000);
  const loop = async (agent: http.Agent) => {
    while (!done && performance.now() < end) {
      const start = performance.now();
      const a = await new Promise<Answer>((resolve) => {
        const req = http.get(url, { agent, timeout: 5000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () => resolve({ start, what: Buffer.concat(chunks).toString(), status: res.statusCode ?? 0 }));
          res.on('error', (e: NodeJS.ErrnoException) => resolve({ start, what: e.code ?? e.message, status: 0 }));
        });
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ start, what: e.code ?? e.message, status: 0 }));
      });
      answers.push(a);
    }
  };
  const n = o.concurrency ?? 4;
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: n });
  // maxSockets Infinity: a finite limit would make node reuse connections (see docs/routers.md).
  const perRequest = new http.Agent({ keepAlive: false });
  const loops = [...Array.from({ length: n }, () => loop(keepAlive)), ...Array.from({ length: n }, () => loop(perRequest))];
  return {
    answers,
    stop: async () => {
      done = true;
      await Promise.all(loops);
      keepAlive.destroy();
      perRequest.destroy();
      return answers;
    },
  };
}

/** Marks: the time each pattern first matched the log. Feed it as runAction's onLog. */
export function logMarks(patterns: Record<string, RegExp>): { onLog: (log: string) => void; at: Record<string, number> } {
  const at: Record<string, number> = {};
  return {
    at,
    onLog: (log) => {
      for (const [name, re] of Object.entries(patterns)) if (at[name] === undefined && re.test(log)) at[name] = performance.now();
    },
  };
}

/** Answers of requests sent in [from, to). */
export function between(answers: readonly Answer[], from: number, to = Infinity): Answer[] {
  return answers.filter((a) => a.start >= from && a.start < to);
}

/** Percent of `answers` that `is` matches. */
export function share(answers: readonly Answer[], is: (a: Answer) => boolean): number {
  return answers.length ? (100 * answers.filter(is).length) / answers.length : NaN;
}

/**
 * For bench/canary.mjs: with CANARY_MEASURE set to a file, append one JSON line of what a test measured
 * (the benchmark runs the canary tests and tabulates these; tests assert, benches report).
 */
export function record(what: string, data: Record<string, unknown>): void {
  const file = process.env.CANARY_MEASURE;
  if (file) appendFileSync(file, JSON.stringify({ what, ...data }) + '\n');
}

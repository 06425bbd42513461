/**
 * wrk as a load generator for tests and benchmarks: started in the background, stopped with SIGINT
 * (wrk then prints its totals), bounded by a duration cap. Keep-alive connections by default; with
 * `perRequest`, every request carries `Connection: close`, so each one opens a new connection.
 */
import { spawn } from 'node:child_process';

export interface WrkResult {
  requests: number;
  /** Answers with a status outside 2xx/3xx. */
  non2xx: number;
  /** Socket errors: connect, read, write, timeout. */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Non-2xx answers plus socket errors. */
  failed: number;
  output: string;
}

export function parseWrk(out: string): WrkResult {
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = { connect: Number(se?.[1] ?? 0), read: Number(se?.[2] ?? 0), write: Number(se?.[3] ?? 0), timeout: Number(se?.[4] ?? 0) };
  if (!Number.isFinite(requests)) throw new Error(`wrk printed no totals:\n${out}`);
  const failed = non2xx + socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout;
  return { requests, non2xx, socketErrors, failed, output: out };
}

export interface Wrk {
  /** Stop the load (SIGINT) and return wrk's totals. */
  stop(): Promise<WrkResult>;
}

export function startWrk(url: string, o: { connections?: number; threads?: number; perRequest?: boolean; maxSec?: number } = {}): Wrk {
  const args = ['-t', String(o.threads ?? 2), '-c', String(o.connections ?? 8), '-d', `${o.maxSec ?? 120}s`, '--timeout', '5s'];
  if (o.perRequest) args.push('-H', 'Connection: close');
  const child = spawn('wrk', [...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  // wrk connects at start; its "Running" line means the threads are up.
  return {
    stop: async () => {
      child.kill('SIGINT');
      await exited;
      return parseWrk(out);
    },
  };
}

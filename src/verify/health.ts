/**
 * Wait until a fresh instance is healthy: its health path answers 2xx/3xx and, when the image declares
 * a Docker HEALTHCHECK, Docker reports it healthy. Fails at once when the container exits or restarts.
 */
import { DeployError } from '../support/errors.js';
import { formatAddress, type Instance } from '../core/model.js';
import { describeFetchError, request } from '../support/http.js';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HealthWait {
  /** The health path, asked of the instance's published address (read from each probe). */
  path: string;
  timeoutSec: number;
  /** Re-reads the instance's state from the runtime. */
  probe: () => Promise<Instance>;
  /** Poll interval: starts at `initialMs`, doubles up to `maxMs`. */
  initialMs?: number;
  maxMs?: number;
}

export interface HealthResult {
  ms: number;
  attempts: number;
  /** The instance as last seen: healthy, with its published address. */
  instance: Instance;
}


export async function waitHealthy(w: HealthWait): Promise<HealthResult> {
  const started = Date.now();
  const deadline = started + w.timeoutSec * 1000;
  let delay = w.initialMs ?? 50;
  let attempts = 0;
  let last: string;
  for (;;) {
    attempts++;
    const inst = await w.probe();
    if (!inst.running || inst.restarting || inst.restartCount > 0) {
      throw new DeployError(
        `Instance ${inst.name} ${inst.restartCount > 0 || inst.restarting ? 'restarted' : 'exited'} with exit code ${inst.exitCode} while waiting for it to become healthy.`,
        'Its process stopped: see its log below, fix the app or its environment, and deploy again.',
      );
    }
    const url = inst.address ? `http://${formatAddress(inst.address)}${w.path}` : undefined;
    if (!url) {
      last = 'its port is not published yet';
    } else {
      try {
        const a = await request(url, { timeoutMs: Math.min(5000, Math.max(500, deadline - Date.now())) });
        if (a.status >= 200 && a.status < 400) {
          if (inst.health === undefined || inst.health === 'healthy') return { ms: Date.now() - started, attempts, instance: inst };
          last = `${url} answered ${a.status}, but Docker's HEALTHCHECK says ${inst.health}`;
        } else {
          last = `${url} answered ${a.status}`;
        }
      } catch (err) {
        last = `${url}: ${describeFetchError(err)}`;
      }
    }
    if (Date.now() + delay > deadline) {
      throw new DeployError(
        `Instance ${inst.name} did not become healthy within ${w.timeoutSec}s (last: ${last}).`,
        'Check that the app listens on the "port" input on all interfaces (0.0.0.0), that "health-path" answers 2xx/3xx, or raise "health-timeout".',
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, w.maxMs ?? 1000);
  }
}

/**
 * GET `url` until it answers 2xx/3xx (a pool reached through one address: a Kubernetes preview Service,
 * whose proxy may answer 503 for a moment after its endpoints change). Fails at `timeoutSec`, saying the last answer.
 */
export async function waitAnswers(url: string, timeoutSec: number): Promise<{ ms: number; attempts: number }> {
  const started = Date.now();
  const deadline = started + timeoutSec * 1000;
  let attempts = 0;
  let delay = 50;
  for (;;) {
    attempts++;
    let last: string;
    try {
      const a = await request(url, { timeoutMs: Math.min(5000, Math.max(500, deadline - Date.now())) });
      if (a.status >= 200 && a.status < 400) return { ms: Date.now() - started, attempts };
      last = `answered ${a.status}: ${a.body.slice(0, 200)}`;
    } catch (err) {
      last = describeFetchError(err);
    }
    if (Date.now() + delay > deadline)
      throw new DeployError(
        `GET ${url} did not answer 2xx/3xx within ${timeoutSec}s (last: ${last}).`,
        'Check that "health-path" answers 2xx/3xx on the "port" input, or raise "health-timeout".',
      );
    await sleep(delay);
    delay = Math.min(delay * 2, 500);
  }
}

/**
 * The release's events (src/notify/) as the use cases raise them: `withEvents` around a command sends
 * `failed` (or `aborted`, when an abort was announced) once the command failed, after traffic is back on the
 * stable pool, and runs on-failure-command; success events are the caller's (after the work, outside it:
 * a failing post-deploy-command fails the job, never turns a release into a failed one).
 */
import { silent, type EventInput, type EventName, type Notifier } from '../notify/index.js';
import { errorMessage } from '../support/errors.js';
import type { ReleaseDeps } from './steps.js';

/** The deps' notifier, or one that does nothing. */
export const events = (d: Pick<ReleaseDeps, 'notify'>): Notifier => d.notify ?? silent;

/** What the events of one command say, filled in as the command learns it (the version once built, the live one under the lock). */
export interface EventState extends EventInput {
  version?: string | undefined;
  previousVersion?: string | undefined;
}

/** The first line of an error, for a notification's reason. */
export const firstLine = (err: unknown): string => errorMessage(err).split('\n')[0]!.trim();

/** Run `fn`; when it throws, the failure event (failed, or aborted when the abort was announced) and its hook, then the error. */
export async function withEvents<T>(d: Pick<ReleaseDeps, 'notify'>, state: EventState, fn: () => Promise<T>, hook = true): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const n = events(d);
    const aborted = n.emitted('aborted');
    const event: EventName = aborted ? 'aborted' : 'failed';
    await n.emit(event, { ...state, reason: firstLine(err) }, { webhooks: !aborted, hook });
    throw err;
  }
}

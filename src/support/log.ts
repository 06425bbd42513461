/**
 * Logging through the runner's commands (@actions/core), behind a small interface that tests can replace.
 * Every message is redacted here: the runner masks registered secrets too, but only the ones it was told.
 */
import * as core from '@actions/core';
import { redact } from './secrets.js';

export interface Log {
  info(message: string): void;
  warning(message: string, title?: string): void;
  error(message: string, title?: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Shown only when the run is re-run with debug logging (RUNNER_DEBUG=1); undefined: never asked for. */
  debug?: ((message: string) => void) | undefined;
}

export const actionsLog: Log = {
  info: (m) => core.info(redact(m)),
  warning: (m, title) => core.warning(redact(m), title ? { title } : {}),
  error: (m, title) => core.error(redact(m), title ? { title } : {}),
  group: (name, fn) => core.group(redact(name), fn),
  debug: core.isDebug() ? (m) => core.debug(redact(m)) : undefined,
};

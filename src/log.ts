/** Logging through the runner's commands (@actions/core), behind a small interface that tests can replace. */
import * as core from '@actions/core';

export interface Log {
  info(message: string): void;
  warning(message: string, title?: string): void;
  error(message: string, title?: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export const actionsLog: Log = {
  info: (m) => core.info(m),
  warning: (m, title) => core.warning(m, title ? { title } : {}),
  error: (m, title) => core.error(m, title ? { title } : {}),
  group: (name, fn) => core.group(name, fn),
};

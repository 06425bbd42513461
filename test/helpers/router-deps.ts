/** RouterDeps for tests: the real command runner and a log that records what it was told. */
import { run } from '../../src/support/exec.js';
import type { Log } from '../../src/support/log.js';
import type { RouterDeps } from '../../src/routers/types.js';

export interface RecordingLog extends Log {
  lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info: ${m}`),
    warning: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    group: (_n, fn) => fn(),
  };
}

export function realDeps(log: RecordingLog = recordingLog()): RouterDeps & { log: RecordingLog } {
  return { run, log };
}

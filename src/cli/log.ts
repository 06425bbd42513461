/** The command line's log: plain lines on stderr (stdout carries only the result), every one redacted. */
import type { Log } from '../support/log.js';
import { redact } from '../support/secrets.js';

export function stderrLog(write: (text: string) => void, debug: boolean): Log {
  const line = (prefix: string, m: string) => write(redact(`${prefix}${m}`) + '\n');
  return {
    info: (m) => line('', m),
    warning: (m, title) => line(`warning: ${title ? `${title}: ` : ''}`, m),
    error: (m, title) => line(`error: ${title ? `${title}: ` : ''}`, m),
    group: async (name, fn) => {
      line('▸ ', name);
      return fn();
    },
    debug: debug ? (m) => line('debug: ', m) : undefined,
  };
}

/**
 * Rules for action inputs: each says what it accepts (for error messages and the README) and turns a
 * trimmed, non-empty input value into a typed value, or throws Rejected. Nothing here reads inputs,
 * masks or logs; only ownedFile looks at the file system. The table (./table.ts) says which input
 * takes which rule.
 */
import { lstatSync } from 'node:fs';
import { listItems, splitWords } from '../core/text.js';

/** node:net only when an address is checked: the action's start-up loads no networking module (docs/benchmarks.md). */
const isIP = (s: string): number => process.getBuiltinModule('node:net').isIP(s);

/** A value a rule does not accept. `detail` says what is wrong beyond `accepts` (never a secret's value). */
export class Rejected extends Error {
  readonly detail: string | undefined;
  /** The 1-based line of a multi-line input that is wrong, so a secret input can say where without what. */
  readonly line: number | undefined;
  /** The part of the value to name in the error (a line, a key); the whole value when undefined. */
  readonly shown: string | undefined;
  constructor(opts: { detail?: string; line?: number; shown?: string } = {}) {
    super(opts.detail ?? 'not accepted');
    this.name = 'Rejected';
    this.detail = opts.detail;
    this.line = opts.line;
    this.shown = opts.shown;
  }
}

export interface Rule<T> {
  /** What is accepted, as a phrase: "a whole number from 1 to 65535". */
  accepts: string;
  /** Turn a trimmed, non-empty value into T, or throw Rejected. */
  parse(value: string): T;
  /** The value of an empty input without a default (lists and maps are empty rather than absent). */
  empty?: T;
}

export const text = (accepts = 'any text'): Rule<string> => ({ accepts, parse: (v) => v });

export function choice<T extends string>(allowed: readonly T[]): Rule<T> {
  return {
    accepts: `one of ${allowed.join(', ')}`,
    parse(v) {
      if (!(allowed as readonly string[]).includes(v)) throw new Rejected();
      return v as T;
    },
  };
}

export const bool: Rule<boolean> = {
  accepts: 'true or false',
  parse(v) {
    if (/^(true|yes|1)$/i.test(v)) return true;
    if (/^(false|no|0)$/i.test(v)) return false;
    throw new Rejected();
  },
};

export function int(min: number, max: number): Rule<number> {
  return {
    accepts: `a whole number from ${min} to ${max}`,
    parse(v) {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < min || n > max) throw new Rejected();
      return n;
    },
  };
}

export function pattern(re: RegExp, accepts: string, check?: (v: string) => string | undefined): Rule<string> {
  return {
    accepts,
    parse(v) {
      if (!re.test(v)) throw new Rejected();
      const wrong = check?.(v);
      if (wrong !== undefined) throw new Rejected({ detail: wrong });
      return v;
    },
  };
}

/** `KEY=VALUE` lines; `keyRule` may refuse a well-formed key (say why). Values are taken as written. */
export function keyValues(
  keyRe: RegExp,
  what: string,
  keyRule?: (key: string) => string | undefined,
): Rule<Record<string, string>> & { empty: Record<string, string> } {
  return {
    accepts: `one ${what}=VALUE per line`,
    empty: {},
    parse(v) {
      const values: Record<string, string> = {};
      const lines = v.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (line === '' || line.startsWith('#')) continue;
        const eq = line.indexOf('=');
        const key = eq > 0 ? line.slice(0, eq).trim() : '';
        if (!key || !keyRe.test(key)) throw new Rejected({ line: i + 1, shown: line });
        const refused = keyRule?.(key);
        if (refused !== undefined) throw new Rejected({ line: i + 1, shown: key, detail: refused });
        values[key] = line.slice(eq + 1);
      }
      return values;
    },
  };
}

/** Non-empty, non-comment lines, each checked by `item` (which returns why a line is wrong, or undefined). */
export function lines(accepts: string, item?: (line: string) => string | undefined): Rule<string[]> & { empty: string[] } {
  return {
    accepts,
    empty: [],
    parse(v) {
      const items = listItems(v);
      for (const line of items) {
        const wrong = item?.(line);
        if (wrong !== undefined) throw new Rejected({ shown: line, detail: wrong });
      }
      return items;
    },
  };
}

/** A command line split into words (quotes honoured, no shell). */
export const argv: Rule<string[]> = {
  accepts: 'a command line (words, optionally quoted; no shell)',
  parse(v) {
    let words: string[];
    try {
      words = splitWords(v);
    } catch (e) {
      throw new Rejected({ detail: (e as Error).message });
    }
    if (words.length === 0) throw new Rejected({ detail: 'empty' });
    return words;
  },
};

export const httpUrl: Rule<string> = pattern(/^https?:\/\/\S+$/, 'an http(s) URL');

/** An IP address that Docker can publish a port on and that names one host (not 0.0.0.0 or ::). */
export const publishAddress: Rule<string> = {
  accepts: 'an IP address of this host, such as 127.0.0.1 or 10.0.0.5 (not a host name, host:port, 0.0.0.0 or ::)',
  parse(v) {
    const family = isIP(v);
    if (family === 0) throw new Rejected();
    const unspecified = family === 4 ? v === '0.0.0.0' : /^[0:]+$/.test(v);
    if (unspecified)
      throw new Rejected({ detail: 'it publishes on every address, so the router would point at an address that names no instance' });
    return v;
  },
};

/** A decimal number from min to max, such as 0.5. */
export function decimal(min: number, max: number): Rule<number> {
  return {
    accepts: `a number from ${min} to ${max}, such as 0.5`,
    parse(v) {
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max) throw new Rejected();
      return n;
    },
  };
}

/** A rule that maps the parsed value (e.g. trims a trailing "/"). */
export function mapped<A, B>(rule: Rule<A>, f: (a: A) => B): Rule<B> {
  return { accepts: rule.accepts, parse: (v) => f(rule.parse(v)) };
}

/** A rule that also runs a parser which throws its own error type; that error's message becomes the detail. */
export function parsedBy<T>(accepts: string, parse: (v: string) => T, empty: T): Rule<T> & { empty: T } {
  return {
    accepts,
    empty,
    parse(v) {
      try {
        return parse(v);
      } catch (e) {
        throw new Rejected({ shown: (e as Error).message, detail: undefined });
      }
    },
  };
}

/**
 * A file the action owns and replaces atomically (write beside it, rename over it): absent, or a regular
 * file. A symlink would be replaced by a plain file (the file it points to, which the balancer reads,
 * would never change); a directory or device cannot be replaced that way.
 */
export const ownedFile: Rule<string> = {
  accepts: 'a path to a regular file (or one to create), not a symlink, directory or device',
  parse(v) {
    let st;
    try {
      st = lstatSync(v);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return v;
      throw new Rejected({ detail: (e as Error).message });
    }
    if (st.isSymbolicLink())
      throw new Rejected({ detail: 'it is a symlink: point the input at the file itself (the action replaces it by renaming over it)' });
    if (!st.isFile()) throw new Rejected({ detail: 'it is not a regular file' });
    return v;
  },
};

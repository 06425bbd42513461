/**
 * The built-in HTTP check syntax, one check per line:
 *
 *   GET /healthz 200
 *   GET / 200 contains "Welcome"
 *   GET /api/status 200 json .ok == true
 *   HEAD /ping 204 within 300ms
 *
 * METHOD PATH STATUS, then any of: `contains "text"`, `json .a.b == value` (or `!=`),
 * `within <n>ms|s` (latency budget).
 */
export interface HttpCheck {
  /** The line as the user wrote it, for messages. */
  source: string;
  method: string;
  path: string;
  status: number;
  contains?: string;
  json?: { path: string[]; op: '==' | '!='; value: unknown };
  /** Latency budget in milliseconds. */
  maxMs?: number;
}
import { listItems, splitWords } from './text.js';

export class CheckSyntaxError extends Error {}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);

export function parseChecks(text: string): HttpCheck[] {
  return listItems(text).map(parseCheck);
}

export function parseCheck(line: string): HttpCheck {
  let words: string[];
  try {
    words = splitWords(line);
  } catch (e) {
    throw new CheckSyntaxError(`${(e as Error).message} in check ${JSON.stringify(line)}`);
  }
  const fail = (why: string): never => {
    throw new CheckSyntaxError(
      `check ${JSON.stringify(line)}: ${why}. Expected: METHOD /path STATUS [contains "text"] [json .field == value] [within 500ms]`,
    );
  };
  const [method, path, statusWord, ...rest] = words;
  if (!method || !METHODS.has(method.toUpperCase())) fail(`"${method ?? ''}" is not an HTTP method`);
  if (!path || !path.startsWith('/')) fail(`the path must start with "/"`);
  if (!statusWord || !/^[1-5]\d\d$/.test(statusWord)) fail(`"${statusWord ?? ''}" is not an HTTP status code`);
  const check: HttpCheck = { source: line, method: method!.toUpperCase(), path: path!, status: Number(statusWord) };
  while (rest.length > 0) {
    const word = rest.shift();
    if (word === 'contains') {
      const text = rest.shift();
      if (text === undefined || text === '') fail('"contains" needs a text');
      check.contains = text;
    } else if (word === 'json') {
      const field = rest.shift();
      const op = rest.shift();
      const raw = rest.shift();
      if (!field || !/^\.([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)?$/.test(field)) fail('"json" needs a field like .status or .data.ok');
      if (op !== '==' && op !== '!=') fail('"json" needs == or != after the field');
      if (raw === undefined) fail('"json" needs a value to compare with');
      check.json = { path: field!.split('.').filter(Boolean), op: op as '==' | '!=', value: parseJsonValue(raw!) };
    } else if (word === 'within') {
      const budget = rest.shift() ?? '';
      const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(budget);
      if (!m) fail(`"within" needs a duration like 500ms or 2s, got "${budget}"`);
      check.maxMs = Number(m![1]) * (m![2] === 's' ? 1000 : 1);
    } else {
      fail(`unknown word "${word}"`);
    }
  }
  return check;
}

/** `true`, `42`, `"text"`, `null` as JSON; a bare word as a string. */
function parseJsonValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * The event context through @actions/github's Context class (GITHUB_EVENT_PATH's payload, read as the
 * toolkit reads it), imported from its own file: the package's exports map lists only its root, and the
 * root also loads the API client and @actions/http-client with undici (1.1 MB) on every run, where the context
 * needs 2 KB. The API client is src/github/client.ts (a lazily loaded chunk).
 */
import { Context } from '../../node_modules/@actions/github/lib/context.js';

/** The event payload of this run (empty outside Actions). */
export function eventPayload(): Record<string, unknown> {
  return new Context().payload;
}

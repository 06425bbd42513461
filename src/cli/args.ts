/**
 * The command line's arguments, read onto the action's own input table (src/config/table.ts): every input
 * is a flag of the same name (`--app shop`, `--haproxy-socket /run/haproxy.sock`), so the CLI and the action
 * share one reader (src/config/read.ts) and one typed Config. A multi-line input (hosts, env, checks) takes
 * the flag once per line. Pure: the environment is given, nothing is read or printed here.
 */
import { parseArgs } from 'node:util';
import { INPUTS, type InputName } from '../config/table.js';
import type { InputGetter } from '../config/read.js';
import type { Command } from '../config/types.js';

/** The commands of the command line, in the order the help lists them: each one the action's own command. */
export const CLI_COMMANDS = ['status', 'rollback', 'promote', 'abort', 'maintenance'] as const satisfies readonly Command[];
export type CliCommand = (typeof CLI_COMMANDS)[number];

export interface CliArgs {
  command: CliCommand;
  /** The action's input reader over the flags and the environment. */
  get: InputGetter;
  json: boolean;
}

export class UsageError extends Error {}

/** Inputs the command line does not take: what it runs is its own positional command. */
const NOT_FLAGS = new Set<string>(['command']);

export const USAGE = `Usage: immutable-deploy <command> --app <app> [--environment <environment>] [--version <version>] [--<input> <value> ...] [--json]

Commands:
  status       what runs, what can be restored, and whether the balancer serves what it should
  rollback     back to the version the last flip replaced, or to --version (a warm one: one flip)
  promote      finish a paused canary: give the new version all the traffic
  abort        stop a canary: all traffic back to the stable version, the new pool removed
  maintenance  put the environment in (or out of) maintenance

Every input of the action is a flag of the same name (a multi-line input: the flag once per line).
Settings of a version (router, ports, health path, checks, hosts...) come from what its deploy recorded,
so --app and --environment are usually enough. The engine is DOCKER_HOST (or the local one), the cluster
KUBECONFIG. With GITHUB_TOKEN and GITHUB_REPOSITORY set (or --github-token), the GitHub Deployment is
recorded as the action records it. No checkout is needed.

Output: the tables the action's job summary shows, as text on stdout (the log on stderr); --json prints
{ command, app, environment, ok, error, outputs } instead. Exit code 0 when the command succeeded, 1 when
it failed, 2 for a usage error.`;

export function parseCli(argv: string[], env: Record<string, string | undefined>): CliArgs | 'help' {
  const names = (Object.keys(INPUTS) as InputName[]).filter((n) => !NOT_FLAGS.has(n));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(names.map((n) => [n, { type: 'string' as const, multiple: true }])),
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. Run immutable-deploy --help for the flags.`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return 'help';
  const [command, ...rest] = positionals;
  if (!(CLI_COMMANDS as readonly string[]).includes(command!))
    throw new UsageError(`Unknown command "${command}": one of ${CLI_COMMANDS.join(', ')}.`);
  if (rest.length > 0) throw new UsageError(`Unexpected argument(s) ${rest.map((r) => JSON.stringify(r)).join(', ')}: every setting is a --<input> flag.`);
  const flags = values as Record<string, string[] | boolean | undefined>;
  const get: InputGetter = (name) => {
    if (name === 'command') return command!;
    const given = flags[name];
    if (Array.isArray(given)) return given.join('\n');
    // The token the action gets from the workflow (github.token), here from the environment.
    if (name === 'github-token') return env.GITHUB_TOKEN ?? '';
    return '';
  };
  return { command: command as CliCommand, get, json: flags.json === true };
}

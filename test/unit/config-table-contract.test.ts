/**
 * action.yml is the public contract: every input the code reads is declared there, with the default and
 * "required" of the input table (src/config/table.ts), and every declared input is read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ROUTER_KINDS } from '../../src/config/types.js';
import { readConfig } from '../../src/config/read.js';
import { INPUTS, type InputDefinition } from '../../src/config/table.js';
import { SPEC_INPUTS } from '../../src/config/recorded.js';

const action = YAML.parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string };
};

function namesRead(): Set<string> {
  const names = new Set<string>();
  for (const router of ROUTER_KINDS) {
    const values: Record<string, string> = {
      app: 'shop',
      router,
      'nginx-upstream-file': '/tmp/u.conf',
      'haproxy-socket': '/tmp/h.sock',
      'router-command': 'true',
    };
    readConfig((name) => {
      names.add(name);
      return values[name] ?? '';
    });
  }
  return names;
}

describe('action.yml', () => {
  it('runs on node24 from dist/index.js, with the post step (registry logout) from dist/post.js, the same bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js' });
  });

  it('declares exactly the inputs the code reads', () => {
    expect([...namesRead()].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('declares exactly the inputs of the input table, with its defaults and required flags', () => {
    const table: Record<string, InputDefinition> = INPUTS;
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(table).sort());
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.default === undefined ? undefined : String(spec.default), `default of ${name}`).toBe(table[name]?.default);
      expect(spec.required ?? false, `required of ${name}`).toBe(table[name]?.required ?? false);
    }
  });

  it('is documented in the README tables (npm run docs)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table: Record<string, InputDefinition> = INPUTS;
    for (const name of Object.keys(action.inputs)) {
      expect(readme, name).toContain(`| \`${name}\` |`);
      expect(readme, `${name} accepts`).toContain(table[name]!.rule.accepts.replace(/\|/g, '\\|'));
    }
    for (const name of Object.keys(action.outputs)) expect(readme, name).toContain(`| \`${name}\` |`);
  });

  it('declares no default for the inputs a recorded run spec stands in for (the runner would pass it as if given)', () => {
    for (const name of SPEC_INPUTS) {
      expect(action.inputs[name], name).toBeDefined();
      expect(action.inputs[name]?.default, name).toBeUndefined();
    }
  });

  it('describes every input and output', () => {
    for (const [name, spec] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)])
      expect(spec.description?.length, name).toBeGreaterThan(10);
  });

  it.each(Object.entries(action.inputs).filter(([, s]) => s.default !== undefined))(
    'the declared default of %s is accepted',
    (name, spec) => {
      const values: Record<string, string> = { app: 'shop', 'nginx-upstream-file': '/x', 'haproxy-socket': '/s', 'router-command': 'true' };
      expect(() => readConfig((n) => (n === name ? String(spec.default) : (values[n] ?? '')))).not.toThrow();
    },
  );
});

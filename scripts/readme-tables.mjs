// Regenerates the inputs and outputs tables in README.md (between the markers): names and descriptions
// from action.yml, defaults, "required" and what each input accepts from the input table
// (src/config/table.ts, the one the reader uses). test/unit/contract.test.ts checks the two agree.
import './ts-import.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';

const { INPUTS } = await import('../src/config/table.ts');
const action = YAML.parse(readFileSync('action.yml', 'utf8'));
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const inputs = [
  '| input | default | what it does | accepts |',
  '| --- | --- | --- | --- |',
  ...Object.entries(action.inputs).map(([name, s]) => {
    const spec = INPUTS[name];
    if (!spec) throw new Error(`action.yml declares input "${name}", which src/config/table.ts does not have`);
    const fallback = spec.default ?? spec.fallback;
    const dflt = spec.required ? '**required**' : fallback !== undefined ? `\`${cell(fallback)}\`` : '';
    const when = spec.requiredWhen ? ` (required with ${spec.requiredWhen.input}: ${spec.requiredWhen.is})` : '';
    return `| \`${name}\` | ${dflt} | ${cell(s.description)}${when} | ${cell(spec.rule.accepts)} |`;
  }),
].join('\n');
const outputs = [
  '| output | what it holds |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([name, s]) => `| \`${name}\` | ${cell(s.description)} |`),
].join('\n');
let readme = readFileSync('README.md', 'utf8');
const put = (marker, body) => {
  const re = new RegExp(`(<!-- ${marker}:start -->)[\\s\\S]*?(<!-- ${marker}:end -->)`);
  if (!re.test(readme)) throw new Error(`README.md has no <!-- ${marker}:start --> ... <!-- ${marker}:end --> markers`);
  readme = readme.replace(re, `$1\n${body}\n$2`);
};
put('inputs', inputs);
put('outputs', outputs);
writeFileSync('README.md', readme);

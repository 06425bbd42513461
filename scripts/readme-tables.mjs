// Regenerates the documents made from the input table (src/config/table.ts, the one the reader uses) and
// action.yml (names, descriptions):
// - the inputs and outputs tables in README.md (between the <!-- inputs/outputs:start/end --> markers):
//   defaults, "required" and what each input accepts;
// - the inputs, secrets and the action's `with:` of the reusable .github/workflows/deploy.yml (between the
//   "# generated-*:start/end" markers; scripts/reusable-inputs.mjs says what becomes what).
// `--check` writes nothing and fails, naming the files, when one is not in step (test/unit/scripts-readme-tables.test.ts).
import './ts-import.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';
import { renderDeployWorkflow } from './reusable-inputs.mjs';

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

const DEPLOY = '.github/workflows/deploy.yml';
const files = { 'README.md': readme, [DEPLOY]: renderDeployWorkflow(readFileSync(DEPLOY, 'utf8'), INPUTS, action.inputs) };
if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => file);
  if (stale.length) {
    console.error(`Not in step with src/config/table.ts and action.yml: ${stale.join(', ')}. Run npm run docs and commit the result.`);
    process.exit(1);
  }
} else for (const [file, text] of Object.entries(files)) writeFileSync(file, text);

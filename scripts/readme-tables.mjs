// Regenerates the inputs and outputs tables in README.md from action.yml (between the markers).
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';

const action = YAML.parse(readFileSync('action.yml', 'utf8'));
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const inputs = [
  '| input | default | what it does |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, s]) => `| \`${name}\` | ${s.required ? '**required**' : s.default !== undefined ? `\`${cell(s.default)}\`` : ''} | ${cell(s.description)} |`,
  ),
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

// The inputs of the reusable .github/workflows/deploy.yml and the `with:` block that passes them to the
// action, generated from the input table (src/config/table.ts: rule, default, required, secret) and
// action.yml (descriptions), as the README tables are. Pure: scripts/readme-tables.mjs (npm run docs)
// writes the result between the markers; `npm run docs -- --check` fails when a file is not in step.
//
// Which action input becomes what in deploy.yml:
// - `command` is an input like the others (default deploy): the same workflow promotes or aborts a paused
//   canary (command: promote / abort) with the inputs of the deploy (nothing is fixed now: FIXED is empty);
// - an input marked secret in the table (registry-password, secret-env, kubeconfig, github-token) is a
//   workflow *secret*, never an input (inputs are logged in the run's event payload);
// - every other input is a workflow input of the same name: boolean for a true/false rule (false when it has
//   no default), number for a number rule with a default, else string (a number input cannot be left empty);
//   its default is the table's (action.yml's `default`, or the `fallback` the action applies to an empty
//   input); empty when it has none.

/** Inputs the workflow fixes itself. */
export const FIXED = {};

/** What the workflow passes for a secret input. github-token falls back to the run's own token. */
const secretValue = (name) => (name === 'github-token' ? '${{ secrets.github-token || github.token }}' : `\${{ secrets.${name} }}`);

const q = (s) => JSON.stringify(String(s));

function inputType(spec) {
  const accepts = spec.rule.accepts;
  const dflt = spec.default ?? spec.fallback;
  // A true/false input without a default is false when left out on a deploy (the recorded spec only stands in
  // on rollback, status and recycle, which deploy.yml does not run).
  if (accepts === 'true or false') return 'boolean';
  if (/^a (whole )?number from /.test(accepts) && dflt !== undefined) return 'number';
  return 'string';
}

/**
 * The generated part of deploy.yml: `inputs` (under on.workflow_call.inputs), `secrets` (under
 * on.workflow_call.secrets) and `with` (the action step's with:), as YAML text at their indentation.
 */
export function deployWorkflowBlocks(INPUTS, actionInputs) {
  const inputs = [];
  const secrets = [];
  const withLines = [];
  for (const [name, meta] of Object.entries(actionInputs)) {
    const spec = INPUTS[name];
    if (!spec) throw new Error(`action.yml declares input "${name}", which src/config/table.ts does not have`);
    const description = String(meta.description ?? '').replace(/\s+/g, ' ').trim();
    if (name in FIXED) {
      withLines.push(`          ${name}: ${FIXED[name]}`);
      continue;
    }
    if (spec.secret) {
      secrets.push(`      ${name}:`, `        description: ${q(description)}`, '        required: false');
      withLines.push(`          ${name}: ${secretValue(name)}`);
      continue;
    }
    const type = inputType(spec);
    inputs.push(`      ${name}:`, `        description: ${q(description)}`, `        type: ${type}`);
    if (spec.required) inputs.push('        required: true');
    else {
      const dflt = spec.default ?? spec.fallback;
      const value = type === 'string' ? q(dflt ?? '') : type === 'boolean' ? String(dflt === 'true') : String(Number(dflt));
      inputs.push(`        default: ${value}`);
    }
    withLines.push(`          ${name}: \${{ inputs.${name} }}`);
  }
  return { inputs: inputs.join('\n'), secrets: secrets.join('\n'), with: withLines.join('\n') };
}

/** Replaces the text between `# <marker>:start` and `# <marker>:end` lines (markers kept). */
export function putBetween(text, marker, body, file) {
  const re = new RegExp(`(^[ \\t]*# ${marker}:start[^\\n]*\\n)[\\s\\S]*?(^[ \\t]*# ${marker}:end)`, 'm');
  if (!re.test(text)) throw new Error(`${file} has no "# ${marker}:start" ... "# ${marker}:end" markers`);
  return text.replace(re, (_m, start, end) => `${start}${body}\n${end}`);
}

/** deploy.yml with its generated blocks brought in step. */
export function renderDeployWorkflow(text, INPUTS, actionInputs) {
  const b = deployWorkflowBlocks(INPUTS, actionInputs);
  const file = '.github/workflows/deploy.yml';
  let out = putBetween(text, 'generated-inputs', b.inputs, file);
  out = putBetween(out, 'generated-secrets', b.secrets, file);
  out = putBetween(out, 'generated-with', b.with, file);
  return out;
}

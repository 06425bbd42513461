export const id = 182;
export const ids = [182];
export const modules = {

/***/ 182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkPolicy: () => (/* binding */ checkPolicy),
  policyGate: () => (/* binding */ policyGate),
  policyImage: () => (/* binding */ policyImage)
});

// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
;// CONCATENATED MODULE: ./src/policy/rules.ts
/**
 * Image policy: rules checked on an image's own config (what `docker image inspect` says), before any
 * instance of it runs. Pure: the image comes in as data, results go out as data.
 */

/** The OCI labels every build of this action sets (metadata.ts): a policy `labels` rule wants all of them. */
const PROMISED_LABELS = [
    'org.opencontainers.image.title',
    'org.opencontainers.image.version',
    'org.opencontainers.image.created',
    'org.opencontainers.image.revision',
];
/** ENV names that say "secret": *_PASSWORD, *_TOKEN, *_SECRET, API/private/access keys, credentials. */
const SECRET_NAME_RE = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|SECRET_ACCESS_KEY|CREDENTIALS?|AUTH)$/i;
/** Values that are secrets whatever their name: cloud and forge key formats, PEM private keys, URLs with a password. */
const SECRET_VALUE_RES = [
    [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
    [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
    [/\bgithub_pat_[A-Za-z0-9_]{22,}\b/, 'a GitHub token'],
    [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
    [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
    [/\bsk_live_[A-Za-z0-9]{16,}\b/, 'a Stripe secret key'],
    [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, 'a URL with a password'],
];
function isRootUser(user) {
    const u = user.split(':')[0].trim();
    return u === '' || u === 'root' || u === '0';
}
/** The ENV entries that look secret, as "NAME (why)": names, never values. */
function secretLookingEnv(env) {
    const found = [];
    for (const entry of env) {
        const eq = entry.indexOf('=');
        const name = eq < 0 ? entry : entry.slice(0, eq);
        const value = eq < 0 ? '' : entry.slice(eq + 1);
        const byValue = SECRET_VALUE_RES.find(([re]) => re.test(value));
        if (byValue)
            found.push(`${name} (its value looks like ${byValue[1]})`);
        // A secret-looking name with an empty value holds no secret (a placeholder the platform fills in).
        else if (value !== '' && SECRET_NAME_RE.test(name))
            found.push(`${name} (a secret-looking name with a value)`);
    }
    return found;
}
function evaluate(rule, img, version) {
    const r = (ok, detail) => ({ rule: rule.source, ok, detail });
    switch (rule.kind) {
        case 'non-root':
            return isRootUser(img.user)
                ? r(false, img.user ? `USER is ${img.user}` : 'no USER: the image runs as root')
                : r(true, `USER is ${img.user}`);
        case 'no-secret-env': {
            const found = secretLookingEnv(img.env);
            return found.length ? r(false, `ENV holds ${found.join(', ')}`) : r(true, `${img.env.length} ENV entries, none secret-looking`);
        }
        case 'healthcheck': {
            const t = img.healthcheck;
            if (!t || t.length === 0 || t[0] === 'NONE')
                return r(false, 'no HEALTHCHECK declared');
            return r(true, `HEALTHCHECK ${t.slice(1).join(' ')}`);
        }
        case 'labels': {
            const missing = PROMISED_LABELS.filter((l) => !img.labels[l]);
            const labelled = img.labels['org.opencontainers.image.version'];
            if (labelled && labelled !== version)
                missing.push(`org.opencontainers.image.version (is ${labelled}, not ${version})`);
            return missing.length ? r(false, `missing or wrong: ${missing.join(', ')}`) : r(true, `${PROMISED_LABELS.length} OCI labels present`);
        }
        case 'max-size': {
            const mb = img.sizeBytes / 1e6;
            return r(mb <= rule.maxMB, `${mb.toFixed(1)} MB ${mb <= rule.maxMB ? '<=' : '>'} ${rule.maxMB} MB`);
        }
    }
}
function evaluatePolicy(rules, img, version) {
    return rules.map((rule) => evaluate(rule, img, version));
}

;// CONCATENATED MODULE: ./src/policy/check.ts



function policyImage(i) {
    return {
        user: i.Config.User ?? '',
        env: i.Config.Env ?? [],
        healthcheck: i.Config.Healthcheck?.Test ?? undefined,
        labels: i.Config.Labels ?? {},
        sizeBytes: i.Size ?? 0,
    };
}
/**
 * Checks `image` (inspected) of `version` against the policy. Warn mode logs failed rules as warnings;
 * enforce mode throws before anything starts. Does nothing without rules.
 */
function checkPolicy(policy, ref, version, image, log, report) {
    if (policy.rules.length === 0)
        return [];
    const results = evaluatePolicy(policy.rules, policyImage(image), version);
    const failed = results.filter((r) => !r.ok);
    const verdict = failed.length === 0 ? 'passed' : policy.mode === 'enforce' ? 'FAILED (enforced: nothing was started)' : 'failed (warn only)';
    report.section(`### Image policy for ${version}: ${verdict}\n\n` +
        (0,summary/* table */.tp)(['rule', 'result', 'detail'], results.map((r) => [r.rule, r.ok ? 'pass' : policy.mode === 'enforce' ? 'FAIL' : 'warn', r.detail])));
    for (const r of results)
        log.info(`policy ${r.ok ? 'pass' : 'FAIL'}  ${r.rule}  (${r.detail})`);
    if (failed.length === 0)
        return results;
    const list = failed.map((r) => `${r.rule}: ${r.detail}`).join('; ');
    const what = `The image of ${version} (${ref.startsWith('sha256:') ? ref.slice(0, 19) : ref})`;
    if (policy.mode === 'warn') {
        log.warning(`${what} breaks ${failed.length} policy rule(s): ${list}. policy-mode is warn, so the run goes on.`, 'Image policy');
        return results;
    }
    throw new errors/* DeployError */.sH(`${what} breaks ${failed.length} policy rule(s): ${list}. Nothing was started; the live version was not touched.`, 'Fix the image (Dockerfile or Packer template), or remove the rule from "policy", or set policy-mode: warn.');
}
/** Inspect `ref` (an image id or reference on the target) and check it: the hook release and build call before anything starts. */
async function policyGate(policy, docker, ref, version, log, report) {
    if (policy.rules.length === 0)
        return;
    const image = await docker.inspectImage(ref);
    if (!image)
        throw new errors/* DeployError */.sH(`The image policy could not inspect ${ref} (${version}): it is not on the target.`);
    checkPolicy(policy, ref, version, image, log, report);
}


/***/ })

};

export const id = 218;
export const ids = [218];
export const modules = {

/***/ 8218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkPolicy: () => (/* binding */ checkPolicy),
/* harmony export */   policyGate: () => (/* binding */ policyGate),
/* harmony export */   policyImage: () => (/* binding */ policyImage)
/* harmony export */ });
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7700);
/* harmony import */ var _github_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2935);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1821);



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
    const results = (0,_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .evaluatePolicy */ .Uz)(policy.rules, policyImage(image), version);
    const failed = results.filter((r) => !r.ok);
    const verdict = failed.length === 0 ? 'passed' : policy.mode === 'enforce' ? 'FAILED (enforced: nothing was started)' : 'failed (warn only)';
    report.section(`### Image policy for ${version}: ${verdict}\n\n` +
        (0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['rule', 'result', 'detail'], results.map((r) => [r.rule, r.ok ? 'pass' : policy.mode === 'enforce' ? 'FAIL' : 'warn', r.detail])));
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
    throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${what} breaks ${failed.length} policy rule(s): ${list}. Nothing was started; the live version was not touched.`, 'Fix the image (Dockerfile or Packer template), or remove the rule from "policy", or set policy-mode: warn.');
}
/** Inspect `ref` (an image id or reference on the target) and check it: the hook release and build call before anything starts. */
async function policyGate(policy, docker, ref, version, log, report) {
    if (policy.rules.length === 0)
        return;
    const image = await docker.inspectImage(ref);
    if (!image)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`The image policy could not inspect ${ref} (${version}): it is not on the target.`);
    checkPolicy(policy, ref, version, image, log, report);
}


/***/ })

};

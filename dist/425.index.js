export const id = 425;
export const ids = [425];
export const modules = {

/***/ 425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollback: () => (/* binding */ rollback)
/* harmony export */ });
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(788);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(916);
/* harmony import */ var _routers_factory_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(116);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(887);
/* harmony import */ var _steps_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(372);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(933);
/**
 * command: rollback — to a warm version: one flip (no build, no pull); to a version whose image is on the
 * host or in its registry: a fresh instance, verified, then the flip; to an unknown one: a clear failure.
 */






async function rollback(d) {
    const { cfg, log } = d;
    const router = await (0,_routers_factory_js__WEBPACK_IMPORTED_MODULE_5__/* .createRouter */ .a)(cfg.router, { run: d.exec, log });
    const first = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .observe */ .lB)(d, router);
    const version = cfg.version ?? first.observed.warm[0]?.version;
    const restorable = async () => [
        ...new Set([
            ...first.observed.warm.map((i) => i.version),
            ...(await (0,_images_js__WEBPACK_IMPORTED_MODULE_2__/* .listVersionImages */ .LP)(cfg.app, cfg.image, d.exec)).map((i) => i.version),
        ]),
    ].filter((v) => v !== first.observed.live?.version);
    if (!version) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`There is no previous version of ${cfg.app} in ${cfg.environment} to roll back to.`, `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`);
    }
    const warmOne = first.observed.warm.find((i) => i.version === version);
    const img = warmOne || first.observed.live?.version === version ? undefined : await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .findVersion */ .Am)(d, version);
    if (!warmOne && !img && first.observed.live?.version !== version)
        throw (0,_images_js__WEBPACK_IMPORTED_MODULE_2__/* .unknownVersion */ .VN)(cfg.image, version, await restorable());
    const lockImage = warmOne?.image ?? img?.imageId ?? first.observed.live.image;
    await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .withLock */ .kK)(d, lockImage, async () => {
        // Read again under the lock: another run may have changed things while we waited.
        const { observed } = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .observe */ .lB)(d, router);
        let remaining = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .clearDebris */ .N0)(d, observed);
        const previous = observed.live;
        if (previous?.version === version) {
            log.info(`${version} is already live: nothing to do.`);
            await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .settle */ .G9)(d, remaining, previous, undefined, undefined, false);
            return;
        }
        let next = observed.warm.find((i) => i.version === version);
        if (next && !(await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .answers */ .GA)(next, cfg.verify.healthPath))) {
            log.warning(`The warm instance ${next.name} of ${version} does not answer: starting a fresh one instead.`);
            await d.runtime.remove([next.id]);
            remaining = remaining.filter((i) => i.id !== next.id);
            next = undefined;
        }
        const resolved = next ? undefined : (img ?? (await (0,_images_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveVersion */ .x)(d.docker, cfg.image, version, { pull: false })));
        if (!next && !resolved)
            throw (0,_images_js__WEBPACK_IMPORTED_MODULE_2__/* .unknownVersion */ .VN)(cfg.image, version, await restorable());
        const what = {
            sha: next?.revision ?? resolved.revision,
            version,
            digest: next?.digest ?? resolved.digest,
            previousVersion: previous?.version,
            rollback: true,
        };
        await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .recorded */ .t2)(d, what, async () => {
            if (next) {
                log.info(`Rolling back to the warm instance ${next.name} of ${version}: one flip, no build, no pull.`);
            }
            else {
                log.info(`${version} is not running: starting a fresh instance from ${resolved.imageId} and verifying it first.`);
                next = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_4__/* .launchAndVerify */ .O)(resolved, { cfg, runtime: d.runtime, log, report: d.report, runUrl: (0,_context_js__WEBPACK_IMPORTED_MODULE_0__/* .runUrl */ .Vp)(d.ctx) });
            }
            let flipMs;
            try {
                flipMs = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .flip */ .UU)(d, router, next);
            }
            catch (err) {
                // A fresh instance started for this rollback goes; a warm one stays warm.
                if (resolved)
                    await d.runtime.remove([next.id]);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`The flip back to ${version} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}${previous ? `\n${previous.version} is still live.` : ''}`);
            }
            await (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .settle */ .G9)(d, resolved ? [...remaining, next] : remaining, next, previous, flipMs, false);
        });
    });
}


/***/ })

};

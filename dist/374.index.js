export const id = 374;
export const ids = [374];
export const modules = {

/***/ 374:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deploy: () => (/* binding */ deploy)
/* harmony export */ });
/* harmony import */ var _build_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(323);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(788);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(916);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(665);
/* harmony import */ var _routers_factory_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(116);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(887);
/* harmony import */ var _steps_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(372);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(933);
/** command: deploy — build (or take an existing version), then launch → verify → flip → retire, under the lock. */








async function deploy(d) {
    const { cfg, log } = d;
    let img;
    if (cfg.version === undefined) {
        const b = await (0,_build_js__WEBPACK_IMPORTED_MODULE_0__.build)(cfg, d.ctx, d.docker, log);
        (0,_build_js__WEBPACK_IMPORTED_MODULE_0__.reportBuild)(b, d.ctx, d.report);
        img = {
            image: b.image,
            version: b.version,
            digest: b.digest,
            imageId: b.imageId,
            revision: d.ctx.sha,
            created: b.labels['org.opencontainers.image.created'] ?? '',
        };
    }
    else {
        // Build once, deploy many: the version may live only in the registry (pulled by its tag, which never moves).
        const found = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_5__/* .findVersion */ .Am)(d, cfg.version);
        if (!found) {
            const known = (await (0,_images_js__WEBPACK_IMPORTED_MODULE_4__/* .listVersionImages */ .LP)(cfg.app, cfg.image, d.exec)).map((i) => i.version);
            throw (0,_images_js__WEBPACK_IMPORTED_MODULE_4__/* .unknownVersion */ .VN)(cfg.image, cfg.version, known);
        }
        img = found;
        log.info(`Deploying the existing ${cfg.image}:${img.version} (${img.digest}) without a build`);
        d.report.output('version', img.version);
        d.report.output('image', img.image);
        d.report.output('digest', img.digest);
        d.report.section(`### Deploying ${img.version} as built (no build)\n\n` +
            (0,_report_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['', ''], [['Commit', (0,_build_js__WEBPACK_IMPORTED_MODULE_0__/* .commitLink */ .wn)(d.ctx, img.revision)], ['Image', `\`${img.image}\``], ['Digest', `\`${img.digest}\``], ['Built', img.created]]));
    }
    const router = await (0,_routers_factory_js__WEBPACK_IMPORTED_MODULE_7__/* .createRouter */ .a)(cfg.router, { run: d.exec, log });
    await (0,_steps_js__WEBPACK_IMPORTED_MODULE_5__/* .withLock */ .kK)(d, img.imageId, async () => {
        const { observed } = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_5__/* .observe */ .lB)(d, router);
        const remaining = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_5__/* .clearDebris */ .N0)(d, observed);
        const previous = observed.live;
        log.info(previous ? `Live now: ${previous.version} (${previous.name})` : 'Nothing of this app is live yet.');
        const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
        await (0,_steps_js__WEBPACK_IMPORTED_MODULE_5__/* .recorded */ .t2)(d, what, async () => {
            const next = await (0,_verify_js__WEBPACK_IMPORTED_MODULE_6__/* .launchAndVerify */ .O)(img, { cfg, runtime: d.runtime, log, report: d.report, runUrl: (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .runUrl */ .Vp)(d.ctx) });
            let flipMs;
            try {
                flipMs = await (0,_steps_js__WEBPACK_IMPORTED_MODULE_5__/* .flip */ .UU)(d, router, next);
            }
            catch (err) {
                await d.runtime.remove([next.id]);
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`The flip to ${next.version} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}\nThe new instance was removed; ${previous ? `${previous.version} is still live` : 'nothing was live before'}.`);
            }
            await (0,_steps_js__WEBPACK_IMPORTED_MODULE_5__/* .settle */ .G9)(d, [...remaining, next], next, previous, flipMs, true);
        });
    });
}


/***/ })

};

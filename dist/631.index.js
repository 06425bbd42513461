export const id = 631;
export const ids = [631];
export const modules = {

/***/ 631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   status: () => (/* binding */ status)
/* harmony export */ });
/* harmony import */ var _build_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(323);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(665);
/* harmony import */ var _routers_factory_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(116);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(887);
/* harmony import */ var _steps_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(372);
/** command: status — what runs, what can be restored, and why. Changes nothing. */





/** What runs and what can be restored. Changes nothing. */
async function status(d) {
    const { cfg } = d;
    const router = await (0,_routers_factory_js__WEBPACK_IMPORTED_MODULE_4__/* .createRouter */ .a)(cfg.router, { run: d.exec, log: d.log });
    const [{ observed }, images] = await Promise.all([(0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .observe */ .lB)(d, router), (0,_images_js__WEBPACK_IMPORTED_MODULE_2__/* .listVersionImages */ .LP)(cfg.app, cfg.image, d.exec)]);
    const versions = [];
    const seen = new Set();
    const add = async (i, state) => {
        if (seen.has(i.version))
            return;
        seen.add(i.version);
        const image = await d.docker.inspectImage(i.image);
        const created = image?.Config.Labels?.['org.opencontainers.image.created'] ?? image?.Created ?? '';
        versions.push({
            version: i.version,
            digest: i.digest,
            revision: i.revision,
            created,
            state,
            deployed: i.deployedAt,
            ...(i.runUrl ? { runUrl: i.runUrl } : {}),
        });
    };
    if (observed.live)
        await add(observed.live, 'live');
    for (const i of observed.warm)
        await add(i, 'warm');
    const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => b.created.localeCompare(a.created));
    for (const i of inspected) {
        const r = await (0,_images_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveVersion */ .x)(d.docker, cfg.image, i.version, { pull: false });
        versions.push({ version: i.version, digest: r?.digest ?? '', revision: r?.revision ?? '', created: i.created, state: 'image-only' });
    }
    d.report.output('live-version', observed.live?.version ?? '');
    d.report.output('versions', JSON.stringify(versions));
    d.report.section(`### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
        (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['state', 'version', 'commit', 'digest', 'built', 'instance started', 'started by'], versions.map((v) => [
            v.state,
            v.version,
            (0,_build_js__WEBPACK_IMPORTED_MODULE_0__/* .commitLink */ .wn)(d.ctx, v.revision),
            `\`${v.digest.slice(0, 19)}\``,
            v.created,
            v.deployed ?? '',
            (0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .runLink */ .ut)(v.runUrl),
        ])));
    return versions;
}


/***/ })

};

/** The release commands, loaded together as one chunk of the bundle (their shared steps are not duplicated). */
export { deploy } from './deploy.js';
export { recycle } from './recycle.js';
export { rollback } from './rollback.js';
export { status } from './status.js';
export { abort, promote } from './gate.js';
export { maintenance } from './maintenance.js';

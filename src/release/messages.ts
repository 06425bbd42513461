/** Errors the release commands share. */
import { DeployError } from '../support/errors.js';

export function unknownVersion(image: string, version: string, restorable: string[]): DeployError {
  return new DeployError(
    `Version ${version} of ${image} is not on the target${restorable.length ? '' : ' and nothing can be restored'}.`,
    restorable.length
      ? `Versions that can be restored: ${restorable.join(', ')}.`
      : 'Deploy a version first (command: deploy).',
  );
}

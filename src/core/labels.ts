/** The prefix of every label this action writes on images, instances and locks. */
export const LABEL_PREFIX = 'dev.immutable-deploy';

/** The post step, or run(): loaded by src/index.ts once the compile cache is on. */
import { run } from './main.js';
import { isPost } from '../support/step-state.js';

export async function start(): Promise<void> {
  if (isPost()) {
    const { post } = await import('./post.js');
    await post();
  } else {
    await run();
  }
}

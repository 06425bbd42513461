/** The bundle's entry (dist/index.js, for both `main` and `post` in action.yml): the post step or run(). */
import { run } from './main.js';
import { isPost } from './state.js';

if (isPost()) {
  const { post } = await import('./post.js');
  await post();
} else {
  await run();
}

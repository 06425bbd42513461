/**
 * src/support/interrupt.ts: on a cancel, what routes traffic is released first, then the instances, the lock last,
 * whatever order the run registered them in (a run takes the lock, opens the preview route, then launches).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { installInterruptHandlers, onInterrupt } from '../../src/support/interrupt.js';

describe('interrupt cleanup order', () => {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  afterAll(() => exit.mockRestore());

  it('routes first (preview route, shift back), then instances, then the lock; within a kind newest first; forgotten tasks never run', async () => {
    const ran: string[] = [];
    const task = (name: string) => () => Promise.resolve(void ran.push(name));
    const before = new Set(process.listeners('SIGTERM'));
    installInterruptHandlers(() => undefined, () => undefined);
    // Registered as a deploy does: lock, preview route, the candidates, the canary's shift back, then its retirement.
    onInterrupt(task('lock'), 'lock');
    onInterrupt(task('empty preview route'), 'route');
    onInterrupt(task('remove candidates'), 'instances');
    const forgotten = onInterrupt(task('a finished launch'), 'instances');
    onInterrupt(task('shift back'), 'route');
    onInterrupt(() => Promise.reject(new Error('retire failed')), 'instances');
    forgotten();
    const handler = process.listeners('SIGTERM').find((l) => !before.has(l))!;
    (handler as () => void)();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(143));
    // A failed task does not stop the ones after it.
    expect(ran).toEqual(['shift back', 'empty preview route', 'remove candidates', 'lock']);
  });
});

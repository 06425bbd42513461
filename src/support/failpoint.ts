/**
 * Named points where a test can kill the run with SIGKILL, exactly there: the kill windows that
 * "a run killed at any point converges" is tested in (after verification, mid nginx flip, before the
 * HAProxy state file is saved, after the flip before its record). A kill triggered from outside on a
 * log line races with the run; this does not. Set IMMUTABLE_DEPLOY_FAILPOINT=<name> (tests only;
 * it is not an action input, and without it this does nothing).
 */
export type Failpoint = 'after-verify' | 'nginx-after-write' | 'haproxy-before-state-file' | 'after-flip';

export function failpoint(name: Failpoint): void {
  if (process.env['IMMUTABLE_DEPLOY_FAILPOINT'] === name) process.kill(process.pid, 'SIGKILL');
}

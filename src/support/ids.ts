/**
 * Random suffixes that keep names apart: records, instances, one-off containers, lock tokens, intent and
 * pause ids, temp files. They must be unique, not secret: every one of them is readable by whoever can read
 * the engine or the cluster, and none authorises anything.
 *
 * Math.random, not node:crypto: loading node:crypto is ~8 ms of CPU in a run that otherwise never needs it,
 * about 5% of a warm rollback (docs/benchmarks.md, issue 22). V8 seeds Math.random per process from the
 * operating system's entropy (Node gives V8 OpenSSL's CSPRNG as its entropy source), so two runs started at
 * the same moment draw independent values; 6 bytes make a collision between two runs of one app about 1 in
 * 2^48. What needs real randomness or a digest (hashed known_hosts entries, content hashes) keeps node:crypto.
 */
export function randomHex(bytes: number): string {
  let hex = '';
  for (let i = 0; i < bytes; i++) hex += Math.floor(Math.random() * 256).toString(16).padStart(2, '0');
  return hex;
}

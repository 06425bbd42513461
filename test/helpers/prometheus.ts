/**
 * A real Prometheus (Debian's `prometheus`) on 127.0.0.1 for tests: scrapes the given targets every
 * second, keeps its data in a temp dir, stopped with stop().
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, startProcess, tempDir, waitHttp } from './servers.js';

export interface PrometheusServer {
  url: string;
  /** An instant query's single value (undefined when the result is empty). */
  query(q: string): Promise<number | undefined>;
  /** Resolves once every scrape target is up (has been scraped successfully). */
  targetsUp(): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

export async function startPrometheus(scrape: string[]): Promise<PrometheusServer> {
  const dir = await tempDir('prometheus');
  const port = await freePort();
  const cfg = join(dir, 'prometheus.yml');
  await writeFile(
    cfg,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: test',
      '    static_configs:',
      `      - targets: [${scrape.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const proc = startProcess([
    'prometheus',
    `--config.file=${cfg}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitHttp(`${url}/-/ready`, proc, 'prometheus', 30_000);
  const api = async (path: string): Promise<{ data: unknown }> => {
    const r = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
    return (await r.json()) as { data: unknown };
  };
  return {
    url,
    query: async (q) => {
      const { data } = (await api(`/api/v1/query?query=${encodeURIComponent(q)}`)) as { data: { result: { value: [number, string] }[] } };
      const v = data.result[0]?.value[1];
      return v === undefined ? undefined : Number(v);
    },
    targetsUp: async () => {
      for (let i = 0; i < 300; i++) {
        // Under load Prometheus may answer 503 "Service Unavailable" (not JSON) for a moment after it is ready.
        const { data } = (await api('/api/v1/targets').catch(() => ({ data: { activeTargets: [] } }))) as { data: { activeTargets: { health: string }[] } };
        if (data.activeTargets.length === scrape.length && data.activeTargets.every((t) => t.health === 'up')) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Prometheus did not scrape ${scrape.join(', ')} successfully within 30s:\n${proc.output()}`);
    },
    output: () => proc.output(),
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

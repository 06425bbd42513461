import { describe, expect, test } from 'vitest';
import { summaryText } from '../../src/cli/text.js';
import { Report, table } from '../../src/github/summary.js';

describe('the job summary as text', () => {
  test('tables in aligned columns, links as their text, markup out', () => {
    const r = new Report('immutable-deploy: status of shop in production');
    r.section(
      '### shop in production: v2 is live\n\n' +
        table(
          ['state', 'version', 'commit', 'instances'],
          [
            ['live', 'v2', '[abc1234](https://github.com/a/b/commit/abc1234)', 'http://127.0.0.1:1<br>http://127.0.0.1:2'],
            ['warm', 'v1', '`def5678`', 'a | b'],
          ],
        ),
    );
    const text = summaryText(r.markdown());
    expect(text.split('\n')).toEqual([
      'immutable-deploy: status of shop in production',
      '==============================================',
      '',
      'shop in production: v2 is live',
      '------------------------------',
      '',
      'state  version  commit   instances',
      '-----  -------  -------  --------------------------------------',
      'live   v2       abc1234  http://127.0.0.1:1, http://127.0.0.1:2',
      'warm   v1       def5678  a | b',
      '',
    ]);
  });

  test('key/value tables without a header, <details> unfolded, Mermaid charts left out', () => {
    const md = [
      table(['', ''], [['Version', 'v3'], ['Digest', '`sha256:1`']]),
      '',
      '```mermaid',
      'gantt',
      '  build :a, 0, 3s',
      '```',
      '<details>',
      '<summary>Instances (2)</summary>',
      '',
      table(['instance', 'host'], [['shop-1', 'local']]),
      '',
      '</details>',
    ].join('\n');
    const text = summaryText(md);
    expect(text).toContain('Version  v3\nDigest   sha256:1');
    expect(text).not.toMatch(/gantt|mermaid|<details>|<summary>/);
    expect(text).toContain('Instances (2)\n\ninstance  host\n--------  -----\nshop-1    local');
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { buildCli, cleanTemps, repoRoot, tempCopy } from './support';
import { corpusOrSkip, corpusRoot } from '../real-world/sharedCorpus';

describe('dockwright lint memory (unit)', function () {
  this.timeout(120_000);
  before(buildCli);
  after(cleanTemps);

  // 139 MB before the CLI tuned V8's heap sizing, 97 MB after (Node 20); the bench measures 5,174 files
  it('lints the corpus, no cache, in a peak RSS under 120 MB', async function () {
    if (!corpusOrSkip(this)) return;
    const { execa } = await import('execa');
    const run = await execa(
      'node',
      [path.join(repoRoot, 'bench/support/peak-rss.cjs'), 'lint', '--format', 'json', '--no-cache', corpusRoot],
      { cwd: tempCopy(), reject: false, maxBuffer: 1e9 },
    );
    const peak = Number(/peak-rss (\d+)/.exec(String(run.stderr))?.[1]);
    assert.ok(peak > 0, String(run.stderr));
    assert.ok(peak < 120 * 2 ** 20, `${(peak / 2 ** 20).toFixed(0)} MB`);
  });
});

// `image save` read from a process: an engine that writes the whole archive and then holds its
// stream open (docker 26 did, for over 30 s, under the host tests) must not hold the reading. The
// engine here is a script, as no real engine holds its stream on demand.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readImageArchive } from '../../../src/core/images/engineImages';
import { until, within } from '../../support/waits';
import { tar } from './tarWriter';

const config = JSON.stringify({ history: [{ created_by: 'RUN x' }], rootfs: { type: 'layers', diff_ids: [] } });
const archive = tar([
  { path: 'aaa/layer.tar', body: tar([{ path: 'big', size: 3000 }]) },
  { path: 'f00.json', body: config },
  { path: 'manifest.json', body: JSON.stringify([{ Config: 'f00.json', Layers: ['aaa/layer.tar'] }]) },
]);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('image save read from the engine (unit)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-save-'));
    fs.writeFileSync(path.join(dir, 'image.tar'), archive);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** An engine whose `image save` writes the archive, notes its pid, then runs `after`. */
  function engine(after: string) {
    const script = path.join(dir, 'engine');
    const body = `echo $$ > '${dir}/pid'\ncat '${dir}/image.tar'\n${after}\n`;
    fs.writeFileSync(script, `#!/bin/sh\n${body}`, { mode: 0o755 });
    return { kind: 'docker' as const, command: script, env: {} };
  }
  const pid = () => Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));

  it('returns once the archive has ended, and stops an engine that holds its stream open', async () => {
    const saved = await within(readImageArchive(engine('exec sleep 600'), 'app:1'), 20_000);
    assert.deepEqual(
      saved.layers.map((l) => l?.map((f) => `${f.path} ${f.size}`)),
      [['big 3000']],
    );
    await until('the engine stopped', () => !alive(pid()), 20_000);
  });

  it('reports the engine’s own failure when it wrote no archive', async () => {
    const failing = engine('echo "Error response from daemon: reference does not exist" >&2; exit 1');
    fs.writeFileSync(path.join(dir, 'image.tar'), '');
    await assert.rejects(readImageArchive(failing, 'app:1'), /reference does not exist|app:1/);
  });
});

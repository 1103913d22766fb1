import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  OutputFiles,
  OUTPUT_FRAME_MS,
  outputFolders,
  type OutputStream,
  type SilenceOptions,
} from '../../../src/core/builds/outputFiles';

const openDescriptors = () => fs.readdirSync('/proc/self/fd').length;
const leftovers = () =>
  outputFolders().flatMap((folder) =>
    fs.readdirSync(folder).filter((name) => name.startsWith(`dockwright-build-${process.pid}-`)),
  );
const nextFrames = (frames: number) => new Promise((resolve) => setTimeout(resolve, frames * OUTPUT_FRAME_MS + 20));

function collect() {
  const texts: { stream: OutputStream; text: string }[] = [];
  return {
    texts,
    onText: (stream: OutputStream, text: string) => texts.push({ stream, text }),
    all: (stream: OutputStream) =>
      texts
        .filter((t) => t.stream === stream)
        .map((t) => t.text)
        .join(''),
  };
}

describe("OutputFiles: a child's output through unlinked files, read once a frame", () => {
  it('leaves no file behind and no descriptor open', () => {
    const before = openDescriptors();
    const files = OutputFiles.open();
    assert.ok(files, 'files could be made in the temporary folder');
    assert.deepEqual(leftovers(), []);
    assert.equal(openDescriptors(), before + 4);
    files.follow(() => {});
    assert.equal(openDescriptors(), before + 2, 'our write ends are closed once the child has its own');
    files.finish(() => {});
    assert.equal(openDescriptors(), before);
    files.close(); // a second close must not close a descriptor number something else now holds
    assert.equal(openDescriptors(), before);
  });

  it('takes the first folder that can: a memory-backed one on Linux, one that is missing is passed over, none means pipes', () => {
    assert.equal(outputFolders()[0], process.env.XDG_RUNTIME_DIR || '/dev/shm');
    assert.equal(outputFolders().at(-1), os.tmpdir());
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-output-test-'));
    try {
      const files = OutputFiles.open(['/nonexistent/dockwright-output-test', folder]);
      assert.ok(files);
      for (const stream of ['stdout', 'stderr'] as const) {
        const where = fs.readlinkSync(`/proc/self/fd/${files.fd(stream)}`);
        assert.match(where, new RegExp(`^${folder}/dockwright-build-\\d+-[0-9a-f]{12}-${stream} \\(deleted\\)$`));
        assert.equal(fs.fstatSync(files.fd(stream)).mode & 0o777, 0o600, 'only this user may read a build log');
      }
      files.close();
      assert.deepEqual(fs.readdirSync(folder), []);
      assert.equal(OutputFiles.open([]), undefined);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('delivers what is written while following, each stream apart, and a character cut between two reads whole', async () => {
    const files = OutputFiles.open()!;
    const out = collect();
    const stdout = fs.openSync(`/proc/self/fd/${files.fd('stdout')}`, 'a');
    const stderr = fs.openSync(`/proc/self/fd/${files.fd('stderr')}`, 'a');
    files.follow(out.onText);
    try {
      const euro = Buffer.from('€', 'utf8');
      fs.writeSync(stdout, Buffer.concat([Buffer.from('price: '), euro.subarray(0, 1)]));
      fs.writeSync(stderr, 'a warning\n');
      await nextFrames(2);
      assert.equal(out.all('stderr'), 'a warning\n', 'read while the writer is still there');
      assert.equal(out.all('stdout'), 'price: ');
      fs.writeSync(stdout, Buffer.concat([euro.subarray(1), Buffer.from('3\n')]));
      await nextFrames(2);
      assert.equal(out.all('stdout'), 'price: €3\n');
      // after a silence the reads slow down, but text still comes while the child runs
      await new Promise((resolve) => setTimeout(resolve, 400));
      fs.writeSync(stdout, 'after a silence\n');
      for (let waited = 0; waited < 2000 && !out.all('stdout').endsWith('silence\n'); waited += 10)
        await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(out.all('stdout'), 'price: €3\nafter a silence\n');
      // the child's last words, more than one read's buffer, then a character it never finished
      fs.writeSync(stderr, 'y'.repeat(200_000) + '\n');
      fs.writeSync(stderr, euro.subarray(0, 2));
    } finally {
      fs.closeSync(stdout);
      fs.closeSync(stderr);
    }
    files.finish(out.onText);
    assert.equal(
      out.all('stderr'),
      'a warning\n' + 'y'.repeat(200_000) + '\n\ufffd',
      "finish reads the rest; an unfinished character becomes U+FFFD, as a pipe's decoder would end it",
    );
  });

  /** Follows files opened with `silence`, writes after a silence, and resolves with what came and when. */
  async function afterSilence(silence: SilenceOptions) {
    const files = OutputFiles.open(undefined, silence)!;
    const out = collect();
    const stdout = fs.openSync(`/proc/self/fd/${files.fd('stdout')}`, 'a');
    files.follow(out.onText);
    try {
      await new Promise((resolve) => setTimeout(resolve, 400)); // past the 250 ms that make a silence
      fs.writeSync(stdout, 'woken\n');
      for (let waited = 0; waited < 3000 && !out.all('stdout'); waited += 5)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const text = out.all('stdout');
      // nothing is read after the end, and a write then calls nobody
      files.finish(out.onText);
      fs.writeSync(stdout, 'too late\n');
      await nextFrames(2);
      return { text, after: out.all('stdout') };
    } finally {
      fs.closeSync(stdout);
    }
  }

  it('in a silence, wakes at the next write (an inotify watch on Linux), not at a timed read', async function () {
    if (process.platform !== 'linux') this.skip(); // the watch is Linux's; elsewhere the reads slow down
    // every timed read of a silence comes after a minute, watched or not: only the watch can deliver in time
    const { text, after } = await afterSilence({ watch: true, watchedFrameMs: 60_000, unwatchedFrameMs: 60_000 });
    assert.equal(text, 'woken\n');
    assert.equal(after, 'woken\n');
  });

  it('in a silence without a watch, reads ten times a second', async () => {
    const { text, after } = await afterSilence({ watch: false, watchedFrameMs: 60_000, unwatchedFrameMs: 100 });
    assert.equal(text, 'woken\n');
    assert.equal(after, 'woken\n');
  });

  it('reads on the timer when the files cannot be watched, or a watch fails later', async () => {
    const realWatch = fs.watch;
    const silence = { watch: true, watchedFrameMs: 60_000, unwatchedFrameMs: 100 };
    try {
      (fs as { watch: unknown }).watch = () => {
        throw Object.assign(new Error('inotify watch limit reached'), { code: 'ENOSPC' });
      };
      assert.equal((await afterSilence(silence)).text, 'woken\n', 'no watch to be had');
      (fs as { watch: unknown }).watch = (...args: Parameters<typeof fs.watch>) => {
        const watcher = realWatch(...args);
        setTimeout(() => watcher.emit('error', new Error('the watch broke')), 50);
        return watcher;
      };
      assert.equal((await afterSilence(silence)).text, 'woken\n', 'a watch that broke');
    } finally {
      fs.watch = realWatch;
    }
  });
});

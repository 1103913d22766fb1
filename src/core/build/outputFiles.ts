// Where a running build's output goes before the runner reads it: two unlinked temporary files
// (stdout, stderr), read once a frame, instead of pipes. Through a pipe, this process wakes for
// every write the CLI makes: about 250 for a 3,000-line build, 340 a second in a steady one, at
// 50-130 µs each on a 2-core VM. Read from files at 60 Hz, the runner's CPU for a 1 s build fell
// from 44 to 23 ms, and a short build through it ran as fast as one writing to /dev/null, where
// through a pipe it was 10% slower (bench/build.bench.ts). The writer never waits on a file, and
// a frame is as often as a terminal draws anyway. When nothing comes for a while (a download, a
// silent compile) the reads slow to 10 a second: a timer costs too, even with nothing to read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** How often the files are read while output comes: one frame at 60 Hz. */
export const OUTPUT_FRAME_MS = 16;
/** ...and once nothing has come for QUIET_AFTER_MS: the first line after a silence waits at most this. */
const QUIET_FRAME_MS = 100;
const QUIET_AFTER_MS = 250;
/** Below this much free space in the temporary folder the runner keeps to pipes. BuildKit clips
 * each step's log at 2 MiB, so a build's output seldom reaches a few MiB; podman's does not stop. */
const MIN_FREE_BYTES = 256 * 1024 * 1024;

export type OutputStream = 'stdout' | 'stderr';
type OnText = (stream: OutputStream, text: string) => void;

/** A descriptor closed at most once: the number is reused by the next open anywhere in the process. */
class Descriptor {
  constructor(private fd: number) {}

  get number(): number {
    return this.fd;
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}

class StreamFile {
  private position = 0;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    readonly stream: OutputStream,
    readonly writer: Descriptor,
    readonly reader: Descriptor,
  ) {}

  /** The text written since the last read; a character cut between reads waits for its rest. */
  readNew(buffer: Buffer): string {
    let text = '';
    for (let read = this.readAt(buffer); read > 0; read = this.readAt(buffer)) text += this.decoder.write(buffer.subarray(0, read));
    return text;
  }

  /** What the decoder still holds: an unfinished character at the very end. */
  rest(): string {
    return this.decoder.end();
  }

  private readAt(buffer: Buffer): number {
    const read = fs.readSync(this.reader.number, buffer, 0, buffer.length, this.position);
    this.position += read;
    return read;
  }
}

export class OutputFiles {
  private readonly buffer = Buffer.allocUnsafe(1 << 16);
  private timer: NodeJS.Timeout | undefined;
  private lastTextAt = 0;

  private constructor(private readonly files: readonly StreamFile[]) {}

  /**
   * Files for a child's stdout and stderr, or undefined where pipes must do: on Windows (an open
   * file can't be unlinked there), with little free space, or when the folder can't be written.
   * The files are unlinked at once: nobody else can open them, and nothing is left behind.
   */
  static open(): OutputFiles | undefined {
    if (process.platform === 'win32') return undefined;
    const descriptors: Descriptor[] = [];
    const open = (file: string, flags: string) => {
      const descriptor = new Descriptor(fs.openSync(file, flags, 0o600));
      descriptors.push(descriptor);
      return descriptor;
    };
    let dir: string | undefined;
    try {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-build-'));
      const { bavail, bsize } = fs.statfsSync(dir);
      if (bavail * bsize < MIN_FREE_BYTES) return undefined;
      const file = (stream: OutputStream) => {
        const name = path.join(dir!, stream);
        return new StreamFile(stream, open(name, 'ax'), open(name, 'r'));
      };
      return new OutputFiles([file('stdout'), file('stderr')]);
    } catch {
      for (const descriptor of descriptors) descriptor.close();
      return undefined;
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The descriptor to hand the child as this stream. */
  fd(stream: OutputStream): number {
    return this.file(stream).writer.number;
  }

  /** The child has its copies, so ours are closed; `onText` gets what it writes, once a frame. */
  follow(onText: OnText): void {
    for (const file of this.files) file.writer.close();
    this.lastTextAt = performance.now();
    this.readLater(onText);
  }

  /** The child is gone: reads what is left, and closes the files. */
  finish(onText: OnText): void {
    try {
      this.readNew(onText);
      for (const file of this.files) {
        const rest = file.rest();
        if (rest) onText(file.stream, rest);
      }
    } finally {
      this.close();
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const file of this.files) {
      file.writer.close();
      file.reader.close();
    }
  }

  private file(stream: OutputStream): StreamFile {
    return this.files[stream === 'stdout' ? 0 : 1];
  }

  private readLater(onText: OnText): void {
    const quiet = performance.now() - this.lastTextAt > QUIET_AFTER_MS;
    this.timer = setTimeout(
      () => {
        this.readNew(onText);
        this.readLater(onText);
      },
      quiet ? QUIET_FRAME_MS : OUTPUT_FRAME_MS,
    );
    // the runner waits for the child, not for this timer
    this.timer.unref();
  }

  private readNew(onText: OnText): void {
    for (const file of this.files) {
      const text = file.readNew(this.buffer);
      if (!text) continue;
      this.lastTextAt = performance.now();
      onText(file.stream, text);
    }
  }
}

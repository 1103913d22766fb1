// Where a running build's output goes before the runner reads it: two unlinked temporary files
// (stdout, stderr), read once a frame, instead of pipes, so that this process is not woken for each
// of the CLI's writes. In a silence an inotify watch (Linux) wakes the reader at the next write.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** How often the files are read while output comes: one frame at 60 Hz. */
export const OUTPUT_FRAME_MS = 16;
/** Nothing for this long is a silence: the files are watched for the next write. */
const QUIET_AFTER_MS = 250;
/** A folder with less free space than this is passed over. BuildKit clips each step's log at
 * 2 MiB, so a build's output seldom reaches a few MiB; podman's does not stop. */
const MIN_FREE_BYTES = 256 * 1024 * 1024;

/**
 * Folders for the files, best first: on Linux the memory-backed ones, then the temporary folder.
 * Freeing a 125 KB file the CLI wrote took 0.7-2.8 ms on ext4 and 0.03 ms on tmpfs.
 */
export function outputFolders(): string[] {
  const inMemory = process.platform === 'linux' ? [process.env.XDG_RUNTIME_DIR, '/dev/shm'] : [];
  return [...inMemory.filter((folder): folder is string => !!folder), os.tmpdir()];
}

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

function unlinkQuietly(name: string): void {
  try {
    fs.unlinkSync(name);
  } catch {
    // the folder took the file but won't let it go: the build runs all the same
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
    for (let read = this.readAt(buffer); read > 0; read = this.readAt(buffer))
      text += this.decoder.write(buffer.subarray(0, read));
    return text;
  }

  /** Whether the file holds more than has been read. */
  hasUnread(): boolean {
    return fs.fstatSync(this.reader.number).size > this.position;
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

/** How the reader waits out a silence. Tests turn the watch off, or push the timed reads a
 * minute away to see that the watch alone wakes the reader. */
export interface SilenceOptions {
  /** Watch the files for the next write (Linux only). */
  watch: boolean;
  /** How often the files are read while they are watched: a net, in case a wake-up goes astray. */
  watchedFrameMs: number;
  /** ...and where they can't be watched: the first line after a silence waits at most this. */
  unwatchedFrameMs: number;
}

const SILENCE: SilenceOptions = { watch: true, watchedFrameMs: 1000, unwatchedFrameMs: 100 };

export class OutputFiles {
  private readonly buffer = Buffer.allocUnsafe(1 << 16);
  private timer: NodeJS.Timeout | undefined;
  private watchers: fs.FSWatcher[] = [];
  /** Set when a watch failed once: the rest of the build reads on the timer. */
  private watchFailed = false;
  private lastTextAt = 0;

  private constructor(
    private readonly files: readonly StreamFile[],
    private readonly silence: SilenceOptions,
  ) {}

  /**
   * Files for a child's stdout and stderr in the first of `folders` that can take them, or
   * undefined where pipes must do: on Windows (an open file can't be unlinked there), or when no
   * folder has the space or can be written. The files are created anew (never through a link that
   * is already there), readable by this user only, and unlinked at once: nobody else can open
   * them, and nothing is left behind.
   */
  static open(
    folders: readonly string[] = outputFolders(),
    silence: SilenceOptions = SILENCE,
  ): OutputFiles | undefined {
    if (process.platform === 'win32') return undefined;
    for (const folder of folders) {
      const files = OutputFiles.openIn(folder, silence);
      if (files) return files;
    }
    return undefined;
  }

  private static openIn(folder: string, silence: SilenceOptions): OutputFiles | undefined {
    const descriptors: Descriptor[] = [];
    const names: string[] = [];
    const file = (stream: OutputStream) => {
      const name = path.join(folder, `dockwright-build-${process.pid}-${randomBytes(6).toString('hex')}-${stream}`);
      const writer = new Descriptor(fs.openSync(name, 'wx', 0o600));
      descriptors.push(writer);
      names.push(name);
      const reader = new Descriptor(fs.openSync(name, 'r'));
      descriptors.push(reader);
      return new StreamFile(stream, writer, reader);
    };
    try {
      const { bavail, bsize } = fs.statfsSync(folder);
      if (bavail * bsize < MIN_FREE_BYTES) return undefined;
      return new OutputFiles([file('stdout'), file('stderr')], silence);
    } catch {
      for (const descriptor of descriptors) descriptor.close();
      return undefined;
    } finally {
      for (const name of names) unlinkQuietly(name);
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
    this.unwatch();
    for (const file of this.files) {
      file.writer.close();
      file.reader.close();
    }
  }

  private file(stream: OutputStream): StreamFile {
    return this.files[stream === 'stdout' ? 0 : 1];
  }

  /** Reads what came, and plans the next read. */
  private readNow(onText: OnText): void {
    clearTimeout(this.timer);
    this.unwatch();
    this.readNew(onText);
    this.readLater(onText);
  }

  private readLater(onText: OnText): void {
    const quiet = performance.now() - this.lastTextAt > QUIET_AFTER_MS;
    const watched = quiet && this.watch(() => this.watchers.length > 0 && this.readNow(onText));
    this.timer = setTimeout(
      () => this.readNow(onText),
      watched ? this.silence.watchedFrameMs : quiet ? this.silence.unwatchedFrameMs : OUTPUT_FRAME_MS,
    );
    // the runner waits for the child, not for this timer
    this.timer.unref();
    // a write between the last read and the watch has no event of its own
    if (watched && this.files.some((file) => file.hasUnread())) this.readNow(onText);
  }

  /**
   * In a silence: an inotify watch on each file (through /proc, as the files have no name) that
   * calls `wake` at the next write. False where the files can't be watched.
   */
  private watch(wake: () => void): boolean {
    if (!this.silence.watch || this.watchFailed || process.platform !== 'linux') return false;
    const failed = () => {
      this.watchFailed = true;
      wake();
    };
    try {
      for (const file of this.files)
        this.watchers.push(
          fs.watch(`/proc/self/fd/${file.reader.number}`, { persistent: false }, wake).on('error', failed),
        );
    } catch {
      // no inotify (a container without /proc, watches used up): the timer it is
      this.watchFailed = true;
      this.unwatch();
      return false;
    }
    return true;
  }

  private unwatch(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
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

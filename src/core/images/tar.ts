// A streaming reader of tar headers: entries come one at a time, each body as chunks that are
// passed on or skipped as they arrive, so no entry is ever held whole. It reads what `docker image
// save` and layer tarballs hold: ustar and GNU headers, PAX and GNU long names, base-256 sizes.

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  path: string;
  size: number;
  type: TarEntryType;
  /** The target of a symlink or hard link; '' otherwise. */
  linkTarget: string;
  /** The body's chunks; whatever is not read is skipped before the next entry. */
  body(): AsyncGenerator<Buffer>;
}

export class TarError extends Error {
  override readonly name = 'TarError';
}

const BLOCK = 512;
/** PAX and GNU long-name records are read whole: none of a sane archive comes near this. */
const MAX_META_RECORD = 1 << 20;

/** Chunks in, exact byte counts out, holding no more than the chunks a read spans. */
class ByteSource {
  private readonly pending: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async pull(): Promise<boolean> {
    const next = await this.source.next();
    if (next.done) return false;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    if (chunk.length) {
      this.pending.push(chunk);
      this.buffered += chunk.length;
    }
    return true;
  }

  private takeUpTo(n: number): Buffer {
    const first = this.pending[0];
    const chunk = first.length <= n ? this.pending.shift()! : first.subarray(0, n);
    if (chunk !== first) this.pending[0] = first.subarray(n);
    this.buffered -= chunk.length;
    return chunk;
  }

  /** n bytes, or fewer at the end of the input. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.pull()));
    const parts: Buffer[] = [];
    for (let left = Math.min(n, this.buffered); left > 0;) {
      const part = this.takeUpTo(left);
      parts.push(part);
      left -= part.length;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** The next n bytes as they arrive. */
  async *stream(n: number): AsyncGenerator<Buffer> {
    for (let left = n; left > 0;) {
      if (!this.buffered && !(await this.pull())) throw new TarError('the archive ends inside an entry');
      const chunk = this.takeUpTo(left);
      left -= chunk.length;
      yield chunk;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const chunk of this.stream(n)) void chunk;
  }
}

function text(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

function number(block: Buffer, offset: number, length: number): number {
  if (block[offset] & 0x80) {
    // GNU base-256: big-endian, the top bit of the first byte marks it
    let value = block[offset] & 0x7f;
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i];
    return value;
  }
  const digits = text(block, offset, length).trim();
  return digits ? parseInt(digits, 8) : 0;
}

function checksumMatches(block: Buffer): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const stored = number(block, 148, 8);
  return stored === unsigned || stored === signed;
}

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '5': 'directory',
  '2': 'symlink',
  '1': 'hardlink',
};

/** PAX records: `<length> <key>=<value>\n`, one after another. */
function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  for (let at = 0; at < data.length;) {
    const space = data.indexOf(0x20, at);
    const length = parseInt(data.toString('utf8', at, space), 10);
    if (space < 0 || !(length > 0)) break;
    const record = data.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}

export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarEntry> {
  const bytes = new ByteSource(source[Symbol.asyncIterator]());
  let meta: { path?: string; linkTarget?: string; size?: number } = {};
  for (;;) {
    const header = await bytes.read(BLOCK);
    if (header.length === 0) return;
    if (header.length < BLOCK) throw new TarError('the archive ends inside a header');
    if (header.every((b) => b === 0)) return; // the end-of-archive blocks
    if (!checksumMatches(header)) throw new TarError('not a tar archive (a header checksum does not match)');
    const flag = String.fromCharCode(header[156]);
    const size = meta.size ?? number(header, 124, 12);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if ('xgLK'.includes(flag)) {
      if (size > MAX_META_RECORD) throw new TarError(`a ${flag} record of ${size} bytes`);
      const data = (await bytes.read(size + padding)).subarray(0, size);
      if (flag === 'x') {
        const pax = paxRecords(data);
        meta = {
          ...meta,
          ...(pax.path !== undefined && { path: pax.path }),
          ...(pax.linkpath !== undefined && { linkTarget: pax.linkpath }),
          ...(pax.size !== undefined && { size: Number(pax.size) }),
        };
      } else if (flag === 'L') meta.path = text(data, 0, data.length);
      else if (flag === 'K') meta.linkTarget = text(data, 0, data.length);
      continue;
    }
    const ustar = text(header, 257, 6).startsWith('ustar');
    const prefix = ustar ? text(header, 345, 155) : '';
    const name = text(header, 0, 100);
    let remaining = size;
    yield {
      path: meta.path ?? (prefix ? `${prefix}/${name}` : name),
      size,
      type: TYPES[flag] ?? 'other',
      linkTarget: meta.linkTarget ?? text(header, 157, 100),
      async *body() {
        for await (const chunk of bytes.stream(remaining)) {
          remaining -= chunk.length;
          yield chunk;
        }
      },
    };
    meta = {};
    await bytes.skip(remaining + padding);
  }
}

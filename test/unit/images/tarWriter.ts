// Small tar archives for the reader's tests, written here byte by byte (ustar headers, PAX and GNU
// long names, base-256 sizes), so each test says exactly what the archive holds.
import { gzipSync } from 'node:zlib';

export interface Member {
  path: string;
  /** The body; a size alone writes that many zero bytes (streamed by the caller as needed). */
  body?: Buffer | string;
  size?: number;
  type?: 'file' | 'directory' | 'symlink';
  linkTarget?: string;
  /** How a path longer than 100 bytes is written. */
  longName?: 'pax' | 'gnu';
  /** Write the size as GNU base-256. */
  base256?: boolean;
}

function header(name: string, size: number, flag: string, linkTarget = '', base256 = false): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  if (base256) {
    h[124] = 0x80;
    let value = size;
    for (let i = 135; i > 124; i--) {
      h[i] = value % 256;
      value = Math.floor(value / 256);
    }
  } else h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write(flag, 156);
  h.write(linkTarget, 157);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

const pad = (length: number) => Buffer.alloc((512 - (length % 512)) % 512);

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return `${length}${body}`;
}

export function tar(members: Member[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const body = typeof m.body === 'string' ? Buffer.from(m.body) : (m.body ?? Buffer.alloc(m.size ?? 0));
    const flag = m.type === 'directory' ? '5' : m.type === 'symlink' ? '2' : '0';
    if (m.path.length > 100 && m.longName === 'gnu') {
      const name = Buffer.from(m.path + '\0');
      parts.push(header('././@LongLink', name.length, 'L'), name, pad(name.length));
    } else if (m.path.length > 100) {
      const pax = Buffer.from(paxRecord('path', m.path));
      parts.push(header('PaxHeader', pax.length, 'x'), pax, pad(pax.length));
    }
    parts.push(header(m.path, body.length, flag, m.linkTarget, m.base256), body, pad(body.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const gzip = (data: Buffer): Buffer => gzipSync(data);

/** The buffer in chunks of `size` bytes, as a pipe would deliver it. */
export async function* chunked(data: Buffer, size = 7919): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

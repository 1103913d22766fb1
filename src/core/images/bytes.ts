// Byte counts as people read and write them: `84.2 MB` in reports (decimal units, as `docker images`
// shows them), and budgets such as `200MB` or `1.5GiB` on the command line.

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB'];

/** `84.2 MB`: one decimal from kB up, whole bytes below. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < DECIMAL.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${DECIMAL[unit]}`;
}

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** The size units parseByteSize accepts, for help texts. */
export const BYTE_SIZE_UNITS = 'B, kB, MB, GB, TB (powers of 1000) and KiB, MiB, GiB, TiB (powers of 1024)';

/** `200MB`, `1.5 GiB`, `1000`: bytes, or undefined when the text is not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const multiplier = m ? MULTIPLIERS[m[2].toLowerCase()] : undefined;
  if (!m || multiplier === undefined) return undefined;
  return Math.round(Number(m[1]) * multiplier);
}

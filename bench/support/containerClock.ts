// Lines that carry the clock of whoever printed them, for the latency benches: `T <µs since the
// epoch>`, from a RUN in the container or from a local process (bench/build.bench.ts). busybox's
// date has no sub-second format, so adjtimex reads the kernel's time. When the kernel keeps
// nanoseconds (STA_NANO, 8192 in its status: an NTP daemon can set it), time.tv_usec holds
// nanoseconds and is divided down.

/** A RUN instruction printing `lines` such lines, `everySeconds` apart. */
export function clockLinesRun(lines: number, everySeconds: number): string {
  const awk = `/status/ {st=$2} /tv_sec/ {s=$2} /tv_usec/ {u=$2} END {if (int(st / 8192) % 2) u = int(u / 1000); printf "T %d%06d\\n", s, u}`;
  return `RUN for i in $(seq 1 ${lines}); do adjtimex | awk '${awk}'; sleep ${everySeconds}; done\n`;
}

/** Finds such a line's time in a log or terminal line. */
export const CLOCK_LINE = /T (\d{16})/;

/** The container's time in a line with CLOCK_LINE, µs since the epoch. */
export const printedAtUs = (text: string): number => Number(CLOCK_LINE.exec(text)![1]);

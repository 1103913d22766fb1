// `docker buildx build --progress=rawjson`: BuildKit's SolveStatus as JSON objects one after
// another, each pretty-printed over many lines (buildx 0.13; one object a line is read too):
//   {"vertexes":[{digest,name,inputs,started,completed,cached,error,progressGroup}],
//    "statuses":[{id,vertex,name,current,total,completed}], "logs":[{vertex,stream,data}],
//    "warnings":[{vertex,short,detail,range,sourceInfo}]}
// Empty fields are left out; data, short and detail are base64; times are RFC 3339 with
// nanoseconds. A vertex is announced before it starts and reported again at each change; it may
// start and complete more than once. COPY --link is two vertexes in one progress group, which
// buildx shows as one step, and so does this reader. On failure plain text follows the JSON:
// `Dockerfile:12`, the excerpt and `ERROR: failed to solve: …` (no `------` summary before it, as
// plain progress has); the plain parser reads it. test/fixtures/builds/buildx-0.13 has recordings.
import { JsonObjectSplitter, MAX_JSON_OBJECT_CHARS } from './jsonStream';
import { cutLine, LineSplitter, type LineParser } from './lines';
import { PlainProgressParser } from './plain';
import type { BuildProgress, BuildStep } from './steps';

interface Vertex {
  digest: string;
  name?: string;
  started?: string;
  completed?: string;
  cached?: boolean;
  error?: string;
  progressGroup?: { id: string; name?: string; weak?: boolean };
}

interface VertexStatus {
  vertex: string;
  id?: string;
  name?: string;
  current?: number;
  total?: number;
  completed?: string;
}

interface VertexLog {
  vertex: string;
  stream?: number;
  data?: string;
}

interface VertexWarning {
  vertex?: string;
  short?: string;
  range?: { start?: { line?: number } }[];
}

interface SolveStatus {
  vertexes?: Vertex[];
  statuses?: VertexStatus[];
  logs?: VertexLog[];
  warnings?: VertexWarning[];
}

/** What is known of one vertex: when it ran (start → completion, per start), and how it ended. */
interface VertexState {
  /** Completion time (ms) per start time (the RFC 3339 text); undefined while it runs. */
  runs: Map<string, number | undefined>;
  completed: boolean;
  cached: boolean;
  error?: string;
}

/** A step: one vertex, or the vertexes of one progress group. */
interface Unit {
  id: string;
  name: string;
  members: Map<string, VertexState>;
  step?: BuildStep;
}

const CANCELED = /context canceled/;
// `Dockerfile:12` (or `Dockerfile:12-13`) opens the failure text after the JSON.
const LOCATION = /^(\S+):(\d+)(?:-\d+)?$/;
const fromBase64 = (data: string | undefined): string => Buffer.from(data ?? '', 'base64').toString('utf8');

/** RFC 3339 time in milliseconds, keeping the fraction's digits past the millisecond. */
function timeMs(text: string): number {
  const fraction = /\.(\d+)/.exec(text);
  if (!fraction) return Date.parse(text);
  return Date.parse(text.replace(fraction[0], '')) + Number(`0.${fraction[1]}`) * 1000;
}

/** Length of the union of the intervals, in ms; a run still going counts up to the latest end seen. */
function unionMs(intervals: [number, number][]): number {
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = intervals[0] ?? [0, 0];
  for (const [start, end] of intervals) {
    if (start > to) {
      total += to - from;
      from = start;
    }
    if (end > to) to = end;
  }
  return total + (to - from);
}

export class RawJsonProgressParser implements LineParser {
  private readonly text: PlainProgressParser;
  private readonly splitter: JsonObjectSplitter;
  /** A step's log data split into lines, per step and stream: its unfinished line waits. */
  private readonly logLines = new Map<string, LineSplitter>();
  private readonly units = new Map<string, Unit>();
  /** The unit of each vertex digest. */
  private readonly unitOf = new Map<string, Unit>();
  private sawObject = false;
  private sawText = false;

  constructor(
    private readonly progress: BuildProgress,
    maxObjectChars = MAX_JSON_OBJECT_CHARS,
  ) {
    this.text = new PlainProgressParser(progress);
    this.splitter = new JsonObjectSplitter(
      {
        object: (value) => this.apply(value as SolveStatus),
        text: (line) => this.textLine(line),
        oversize: (chars) =>
          progress.warning(`Skipped a progress report of ${chars} characters (more than ${maxObjectChars}).`),
      },
      maxObjectChars,
    );
  }

  line(line: string): void {
    this.splitter.line(line);
  }

  /** The output is over; a report cut off in the middle (a cancelled build) is left out. */
  end(exitCode?: number): void {
    this.splitter.end();
    for (const splitter of this.logLines.values()) splitter.end();
    this.logLines.clear();
    this.text.end(exitCode);
  }

  private textLine(line: string): void {
    // what follows the JSON of a failed build starts with where it failed
    if (this.sawObject && !this.sawText && line.trim()) {
      this.sawText = true;
      const location = LOCATION.exec(line);
      if (location) return this.progress.setErrorLocation(location[1], Number(location[2]));
    }
    // text is cut as the other modes cut a line (a JSON object's lines are read whole above)
    this.text.line(cutLine(line));
  }

  private apply(status: SolveStatus): void {
    if (status === null || typeof status !== 'object') return;
    this.sawObject = true;
    for (const vertex of status.vertexes ?? []) if (vertex?.digest) this.vertex(vertex);
    for (const s of status.statuses ?? []) {
      const step = this.unitOf.get(s?.vertex)?.step;
      if (step) {
        const amount = s.total ? `${s.current ?? 0}/${s.total}` : s.current ? String(s.current) : '';
        this.progress.detail(step, [s.id ?? s.name, amount, s.completed ? 'done' : ''].filter(Boolean).join(' '));
      }
    }
    for (const log of status.logs ?? []) if (log?.vertex) this.log(log);
    for (const warning of status.warnings ?? []) {
      const line = warning?.range?.[0]?.start?.line;
      this.progress.warning(fromBase64(warning?.short), line === undefined ? undefined : line - 1);
    }
  }

  private vertex(vertex: Vertex): void {
    const group = vertex.progressGroup;
    const unitId = group?.id ? `group:${group.id}` : vertex.digest;
    let unit = this.units.get(unitId);
    if (!unit) {
      unit = { id: unitId, name: group?.name ?? vertex.name ?? vertex.digest, members: new Map() };
      this.units.set(unitId, unit);
    }
    this.unitOf.set(vertex.digest, unit);
    let state = unit.members.get(vertex.digest);
    if (!state) unit.members.set(vertex.digest, (state = { runs: new Map(), completed: false, cached: false }));
    if (vertex.started) state.runs.set(vertex.started, vertex.completed ? timeMs(vertex.completed) : undefined);
    state.completed = vertex.completed !== undefined;
    state.cached = vertex.cached === true;
    if (vertex.error) state.error = vertex.error;
    // a step appears when it starts, as in plain progress; vertexes announced and never started stay out
    if (!unit.step && (vertex.started || vertex.completed)) unit.step = this.progress.step(unit.id, unit.name);
    if (unit.step) this.update(unit, unit.step);
  }

  /** The step's state from its vertexes: finished when all are, failed when one failed. */
  private update(unit: Unit, step: BuildStep): void {
    const members = [...unit.members.values()];
    const failed = members.find((m) => m.error);
    if (!failed && !members.every((m) => m.completed)) return;
    const intervals: [number, number][] = [];
    let latest = 0;
    for (const m of members) for (const end of m.runs.values()) if (end !== undefined && end > latest) latest = end;
    for (const m of members)
      for (const [started, end] of m.runs) intervals.push([timeMs(started), end ?? Math.max(latest, timeMs(started))]);
    const duration = intervals.length ? Math.round(unionMs(intervals)) : undefined;
    if (failed) {
      step.durationMs = duration;
      this.progress.finish(step, CANCELED.test(failed.error!) ? 'canceled' : 'error', duration, failed.error);
    } else if (members.every((m) => m.cached)) {
      this.progress.finish(step, 'cached', 0);
    } else {
      // a vertex that starts and completes again keeps its state; its time grows
      step.durationMs = duration;
      this.progress.finish(step, 'done', duration);
    }
  }

  private log(log: VertexLog): void {
    const step = this.unitOf.get(log.vertex)?.step;
    if (!step) return;
    const key = `${step.id}#${log.stream ?? 1}`;
    // one splitter a step and stream: a line without a break, logged over many statuses, is
    // scanned once, and cut as any other line is
    let splitter = this.logLines.get(key);
    if (!splitter) this.logLines.set(key, (splitter = new LineSplitter((line) => this.progress.log(step, line))));
    splitter.push(fromBase64(log.data));
  }
}

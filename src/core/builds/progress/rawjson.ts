// `docker buildx build --progress=rawjson`: one BuildKit SolveStatus JSON object a line.
//   {"vertexes":[{digest,name,started,completed,cached,error}], "statuses":[{id,vertex,name,current,total}],
//    "logs":[{vertex,stream,data}], "warnings":[{vertex,short,detail,range,sourceInfo}]}
// Empty fields are left out; data, short and detail are base64; times are RFC 3339. Lines that
// are not JSON (buildx's closing `ERROR: failed to solve` and the Dockerfile excerpt) go to the
// plain parser, which knows them.
import type { LineParser } from './lines';
import { PlainProgressParser } from './plain';
import type { BuildProgress, BuildStep } from './steps';

interface Vertex {
  digest: string;
  name?: string;
  started?: string;
  completed?: string;
  cached?: boolean;
  error?: string;
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

const CANCELED = /context canceled/;
const fromBase64 = (data: string | undefined): string => Buffer.from(data ?? '', 'base64').toString('utf8');

export class RawJsonProgressParser implements LineParser {
  private readonly text: PlainProgressParser;
  /** A vertex's log data up to its last line break, per vertex and stream. */
  private readonly partialLogs = new Map<string, string>();

  constructor(private readonly progress: BuildProgress) {
    this.text = new PlainProgressParser(progress);
  }

  end(exitCode?: number): void {
    for (const [key, rest] of this.partialLogs) {
      const step = this.progress.get(key.slice(0, key.lastIndexOf('#')));
      if (step && rest) this.progress.log(step, rest);
    }
    this.partialLogs.clear();
    this.text.end(exitCode);
  }

  line(line: string): void {
    let status: SolveStatus | undefined;
    if (line.startsWith('{')) {
      try {
        status = JSON.parse(line) as SolveStatus;
      } catch {
        status = undefined;
      }
    }
    if (status) this.apply(status);
    else this.text.line(line);
  }

  private apply(status: SolveStatus): void {
    for (const vertex of status.vertexes ?? []) this.vertex(vertex);
    for (const s of status.statuses ?? []) {
      const step = this.progress.get(s.vertex);
      if (step)
        this.progress.detail(
          step,
          [s.name ?? s.id, s.total ? `${s.current ?? 0}/${s.total}` : s.current, s.completed ? 'done' : '']
            .filter((x) => x !== undefined && x !== '')
            .join(' '),
        );
    }
    for (const log of status.logs ?? []) this.log(log);
    for (const warning of status.warnings ?? []) {
      const line = warning.range?.[0]?.start?.line;
      this.progress.warning(fromBase64(warning.short), line === undefined ? undefined : line - 1);
    }
  }

  private vertex(vertex: Vertex): void {
    const step = this.progress.get(vertex.digest) ?? this.progress.step(vertex.digest, vertex.name ?? vertex.digest);
    if (!vertex.completed) return;
    const duration = vertex.started ? Date.parse(vertex.completed) - Date.parse(vertex.started) : undefined;
    if (vertex.error)
      this.progress.finish(step, CANCELED.test(vertex.error) ? 'canceled' : 'error', duration, vertex.error);
    else this.progress.finish(step, vertex.cached ? 'cached' : 'done', vertex.cached ? 0 : duration);
  }

  private log(log: VertexLog): void {
    const step: BuildStep | undefined = this.progress.get(log.vertex);
    if (!step) return;
    const key = `${log.vertex}#${log.stream ?? 1}`;
    const lines = ((this.partialLogs.get(key) ?? '') + fromBase64(log.data)).split(/\r?\n/);
    this.partialLogs.set(key, lines.pop()!);
    for (const line of lines) this.progress.log(step, line);
  }
}

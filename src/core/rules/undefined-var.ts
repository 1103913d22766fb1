import type { DockerfileModel, Stage } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding, Fix } from '../types';
import { ALWAYS_SET, baseImageEnv } from './support/baseImageEnv';
import { builderVariables, declaredNames } from '../dockerfile/variables';

/** Instructions whose arguments the builder expands itself; RUN, CMD, ENTRYPOINT and HEALTHCHECK go to a shell. */
const EXPANDED = new Set([
  'FROM',
  'ENV',
  'ARG',
  'COPY',
  'ADD',
  'WORKDIR',
  'USER',
  'EXPOSE',
  'LABEL',
  'VOLUME',
  'STOPSIGNAL',
]);
/** Set by the builder: usable in FROM lines as they are, inside a stage only after `ARG NAME`. */
const PLATFORM = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);
/** Proxy settings the builder passes without any declaration. */
const PROXIES = new Set([
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'FTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'ftp_proxy',
  'no_proxy',
  'all_proxy',
]);

/** The names a stage has declared, over those it started with: its base stage's are kept, not copied. */
class Scope {
  private readonly names = new Set<string>();

  constructor(
    private readonly inherited: ReadonlySet<string> | Scope,
    /** The base image's variables are all known (scratch, a stage of this file, a known image). */
    readonly complete: boolean,
  ) {}

  has(name: string): boolean {
    return this.names.has(name) || this.inherited.has(name);
  }

  add(name: string): void {
    this.names.add(name);
  }
}

const PATH_ONLY: ReadonlySet<string> = new Set(ALWAYS_SET);

export const undefinedVar: Rule = {
  id: 'undefined-var',
  aliases: { buildkit: ['UndefinedVar', 'UndefinedArgInFrom'] },
  defaultLevel: 'warning',
  title: 'A variable the builder expands is not declared',
  check({ dockerfile }) {
    // asked for only when a use is undefined in its stage: most files never need it
    let declared: Set<string> | undefined;
    const declaredAnywhere = () =>
      (declared ??= new Set(dockerfile.instructions.flatMap((i) => declaredNames(i, dockerfile.escapeChar))));
    const global = new Set<string>();
    const stageEnd: Scope[] = [];
    const findings: Finding[] = [];
    let scope: Scope | undefined;
    for (const instr of dockerfile.instructions) {
      if (instr.keyword === 'FROM') {
        if (scope) stageEnd.push(scope);
        for (const use of instr.argsText.includes('$') || instr.flags.length
          ? builderVariables(dockerfile, instr)
          : []) {
          if (use.hasModifier || global.has(use.name) || PLATFORM.has(use.name) || PROXIES.has(use.name)) continue;
          findings.push({
            range: use.range,
            message: `${use.name} is not a global ARG: FROM sees only ARGs declared before the first FROM.`,
            fixes: [declareFix(dockerfile, use.name, undefined)],
          });
        }
        scope = stageScope(dockerfile.stages[instr.stage], stageEnd);
        continue;
      }
      if (EXPANDED.has(instr.keyword) && dockerfile.textOf(instr.range).includes('$')) {
        const inScope = scope ?? global;
        const assigned = instr.keyword === 'ENV' ? new Set(declaredNames(instr, dockerfile.escapeChar)) : undefined;
        for (const use of builderVariables(dockerfile, instr)) {
          if (use.hasModifier || inScope.has(use.name) || PROXIES.has(use.name) || assigned?.has(use.name)) continue;
          // Before the first FROM the platform ARGs are in scope, as they are in FROM lines.
          if (!scope && PLATFORM.has(use.name)) continue;
          const why = whyUndefined(use.name, scope, global, declaredAnywhere);
          if (!why) continue;
          findings.push({
            range: use.range,
            message: why,
            fixes: [declareFix(dockerfile, use.name, scope && dockerfile.stages[instr.stage])],
          });
        }
      }
      for (const name of declaredNames(instr, dockerfile.escapeChar)) (scope ?? global).add(name);
    }
    return findings;
  },
};

function stageScope(stage: Stage, stageEnd: Scope[]): Scope {
  if (stage.baseStage !== undefined && stageEnd[stage.baseStage]) {
    const base = stageEnd[stage.baseStage];
    return new Scope(base, base.complete);
  }
  if (!stage.image) return new Scope(PATH_ONLY, stage.base.toLowerCase() === 'scratch');
  const env = stage.image.hasVariable ? undefined : baseImageEnv(stage.image);
  return new Scope(env ? new Set(env) : PATH_ONLY, env !== undefined);
}

/** Why a name is undefined here, or undefined when the base image may well set it. */
function whyUndefined(
  name: string,
  scope: Scope | undefined,
  global: Set<string>,
  declaredAnywhere: () => Set<string>,
): string | undefined {
  if (!scope) return `${name} is used before any ARG declares it.`;
  if (global.has(name))
    return `ARG ${name} is declared before FROM: a stage sees it only after \`ARG ${name}\` inside the stage.`;
  if (PLATFORM.has(name))
    return `${name} is predefined, but a stage sees it only after \`ARG ${name}\` inside the stage.`;
  if (declaredAnywhere().has(name))
    return `${name} is declared elsewhere in this Dockerfile, but not in this stage before this line: it expands to an empty string here.`;
  if (scope.complete)
    return `${name} is not declared by any ARG or ENV, nor set by the base image: it expands to an empty string.`;
  return undefined;
}

function declareFix(model: DockerfileModel, name: string, stage: Stage | undefined): Fix {
  const title = `Declare ARG ${name} at the top of the ${stage ? 'stage' : 'file, before the first FROM'}`;
  if (!stage) {
    // Global ARGs may use one another: before the first instruction is above every use.
    const line = model.instructions[0]?.range.start.line ?? 0;
    return {
      title,
      safe: false,
      edits: [
        { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `ARG ${name}${model.eol}` },
      ],
    };
  }
  const fromEnd = stage.from.range.end;
  const indent = model.indentOf(stage.from.range.start.line);
  // After the FROM line; when the FROM ends the file, the ARG needs a line break first.
  const edit =
    fromEnd.line + 1 < model.lines.length
      ? {
          range: { start: { line: fromEnd.line + 1, character: 0 }, end: { line: fromEnd.line + 1, character: 0 } },
          newText: `${indent}ARG ${name}${model.eol}`,
        }
      : { range: { start: fromEnd, end: fromEnd }, newText: `${model.eol}${indent}ARG ${name}` };
  return { title, safe: false, edits: [edit] };
}

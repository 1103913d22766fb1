import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { parseImageRef, shortName, type ImageRef } from '../dockerfile/imageRef';
import { declaredNames } from '../dockerfile/variables';
import { commandProgram } from '../shell/programs';
import { runScript, type SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Fix, TextEdit } from '../types';
import { rootImage } from './support/baseImage';
import { packageInstalls } from './support/installs';
import { invocationOf, type Invocation } from './support/invocations';
import { insertLinesAfter } from './support/lineEdits';
import { lazyFix } from '../lint/lazyFix';
import { runsOnWindows, runsPosixShell } from './support/runEdits';
import { mayRunProgram } from '../shell/prefilter';
import { dotnetRuntimes, GO_RUNTIME, isDotnetSdk, jreFor, servesWeb, slimVariant } from './support/runtimeImages';
import { trailingRuntimeBlock } from '../dockerfile/stageLayout';
import { missingMounts } from './cache-mount';
import { nonRootLines } from './non-root-user';
import { cacheMountFix } from './support/cacheMounts';

type Toolchain = 'go' | 'dotnet' | 'node' | 'java' | 'rust' | 'compilers';

const COMPILERS = new Set(['build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'make']);
const COMPILER_PACKAGES = [...COMPILERS];
/** Commands that compile: the reason to have compilers in the image. */
const COMPILE = ['make', 'cmake', 'ninja', 'meson', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'configure'];
/** The package managers that remove packages again. */
const PACKAGE_MANAGERS = ['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf'];
/** A package.json script that builds: `build`, `build:prod`, `build-storybook`. */
const BUILD_SCRIPT = /^build\b/;

export const preferMultiStage: Rule = {
  id: 'prefer-multi-stage',
  aliases: {},
  defaultLevel: 'info',
  title: 'single-stage Dockerfile whose final image keeps a build toolchain',
  check({ dockerfile }) {
    const toolchain = keptToolchain(dockerfile);
    if (!toolchain) return [];
    const stage = dockerfile.stages[0];
    return [
      {
        range: stage.from.range,
        message: `The image keeps the ${toolchain.what} it was built with. Build in one stage and copy only the output into a small runtime stage.`,
        // the runtime images it proposes are Linux ones
        fixes: runsOnWindows(dockerfile, stage.from) ? [] : [scaffold(dockerfile, stage, toolchain.kind)],
      },
    ];
  },
};

/**
 * The build toolchain a single-stage Dockerfile keeps in its image. minimal-base-image asks too:
 * this rule's finding says it for that FROM, once.
 */
export function keptToolchain(model: DockerfileModel): { kind: Toolchain; what: string } | undefined {
  return model.stages.length === 1 ? toolchainOf(model, model.stages[0]) : undefined;
}

function toolchainOf(model: DockerfileModel, stage: Stage): { kind: Toolchain; what: string } | undefined {
  const ref = rootImage(model, stage);
  // An SDK image counts only when the Dockerfile builds with it: images of tools for developers keep them on purpose.
  const builds = (program: string, subcommands: RegExp) =>
    runsCommand(model, stage, [program], (c) => c.program === program && subcommands.test(c.subcommand.value ?? ''));
  if (ref && !ref.hasVariable) {
    const name = shortName(ref);
    if (isDotnetSdk(ref) && builds('dotnet', /^(publish|build)$/)) return { kind: 'dotnet', what: '.NET SDK' };
    if (ref.domain === 'docker.io') {
      if (name === 'golang' && builds('go', /^build$/)) return { kind: 'go', what: 'Go toolchain' };
      if (
        (name === 'maven' || name === 'gradle') &&
        (builds('mvn', /^(package|install|verify)$/) || builds('gradle', /^(build|assemble|bootJar|jar|installDist)$/))
      )
        return { kind: 'java', what: `${name} and JDK` };
      if (name === 'rust' && builds('cargo', /^(build|install)$/)) return { kind: 'rust', what: 'Rust toolchain' };
      if (name === 'node' && runsCommand(model, stage, ['npm', 'yarn', 'pnpm'], runsBuildScript))
        return { kind: 'node', what: 'Node build tooling and dev dependencies' };
    }
  }
  if (
    keepsCompilers(model, stage) &&
    stage.instructions.some(
      (i) =>
        mayRunProgram(i, COMPILE) &&
        (runScript(model, i)?.commands ?? []).some((c) => COMPILE.includes(commandProgram(c)?.program ?? '')),
    )
  )
    return { kind: 'compilers', what: 'compilers (build-essential, gcc, make)' };
  return undefined;
}

/** `npm run build`, `npm run-script build:prod`, `yarn build`, `pnpm run build` … */
function runsBuildScript(inv: Invocation): boolean {
  const sub = inv.subcommand.value ?? '';
  const script =
    sub === 'run' || (inv.program === 'npm' && sub === 'run-script')
      ? inv.operands[0]?.value
      : inv.program === 'npm'
        ? undefined
        : sub;
  return BUILD_SCRIPT.test(script ?? '');
}

/** Whether a RUN of the stage runs one of `programs` (also as mvnw, gradlew) in a way `test` accepts; only RUNs naming one are parsed. */
function runsCommand(
  model: DockerfileModel,
  stage: Stage,
  programs: readonly string[],
  test: (inv: Invocation) => boolean,
): boolean {
  return stage.instructions.some(
    (i) =>
      mayRunProgram(i, programs) &&
      (runScript(model, i)?.commands ?? []).some((c) => {
        const inv = invocationOf(c);
        return !!inv && test(inv);
      }),
  );
}

/** A compiler package is installed and no RUN removes it again (by name, by virtual package, or by autoremove). */
function keepsCompilers(model: DockerfileModel, stage: Stage): boolean {
  const runs = stage.instructions.filter((i) => mayRunProgram(i, COMPILER_PACKAGES));
  for (const run of runs) {
    const script = runScript(model, run);
    for (const { invocation: install, packages } of script ? packageInstalls(script) : []) {
      const compilers = packages.filter((p) => COMPILERS.has(p));
      if (!compilers.length) continue;
      const virtual = install.optionWords.find((o) => o.name === '-t' || o.name === '--virtual')?.value;
      const later = stage.instructions.filter((i) => i.index >= run.index && mayRunProgram(i, PACKAGE_MANAGERS));
      const removed = later.some((i) =>
        (runScript(model, i)?.commands ?? []).some((c) => removes(c, [...compilers, ...(virtual ? [virtual] : [])])),
      );
      if (!removed) return true;
    }
  }
  return false;
}

function removes(command: SimpleCommand, packages: string[]): boolean {
  const inv = invocationOf(command);
  if (!inv) return false;
  const sub = inv.subcommand.value;
  const removal =
    (inv.program === 'apk' && sub === 'del') ||
    (/^(apt-get|apt|yum|dnf|microdnf)$/.test(inv.program) && /^(purge|remove|autoremove|erase)$/.test(sub ?? ''));
  if (!removal) return false;
  return (
    sub === 'autoremove' ||
    inv.options.includes('--auto-remove') ||
    inv.operands.some((w) => packages.includes(w.value ?? ''))
  );
}

/**
 * The cache mounts cache-mount asks for once the stage's RUNs are in a build stage, whose layers
 * never reach the image, and not before: the installs whose cache cleanup the move makes
 * pointless (the mount their cleanup finding offered). Each mount fix brings the `# syntax=`
 * line: it is written once.
 */
function movedInstallMounts(model: DockerfileModel, stage: Stage): TextEdit[] {
  const edits = stage.instructions.flatMap((run) => {
    const asked = missingMounts(model, run, () => true).managers;
    const moved = missingMounts(model, run, () => false).managers.filter((m) => !asked.includes(m));
    return moved.length ? cacheMountFix(model, run, moved)!.edits : [];
  });
  const key = (e: TextEdit) => JSON.stringify(e);
  return edits.filter((e, i) => edits.findIndex((o) => key(o) === key(e)) === i);
}

/** The runtime stage: its image and how the build output gets into it. */
interface RuntimeStage {
  image: string;
  lines: string[];
  edits: TextEdit[];
}

function scaffold(model: DockerfileModel, stage: Stage, kind: Toolchain): Fix {
  const build = stage.name ?? 'build';
  const runtime = runtimeStage(model, stage, kind, build);
  return lazyFix(`Build in a "${build}" stage and run from ${runtime.image}`, false, () => {
    const user = nonRootLines(model, parseImageRef(runtime.image));
    const block = trailingRuntimeBlock(stage);
    const lastBuildStep = stage.instructions[stage.instructions.length - block.length - 1] ?? stage.from;
    const named: TextEdit[] = stage.name
      ? []
      : [{ range: { start: stage.from.range.end, end: stage.from.range.end }, newText: ' AS build' }];
    const edits = [
      ...named,
      ...movedInstallMounts(model, stage),
      ...runtime.edits,
      insertLinesAfter(model, lastBuildStep, ['', `FROM ${runtime.image}`, ...runtime.lines, ...user]),
    ];
    return {
      edits: joinInsertions(edits),
      note: `The runtime stage starts from a clean image: check that it gets every file and ENV the app needs at run time${user.length ? ', and that the app runs without root' : ''}.`,
    };
  });
}

/**
 * The edits, with insertions at one spot made one, their texts in list order: two insertions at
 * one spot (a RUN's cache mount and the `CGO_ENABLED=0` of its first command) have no order of
 * their own, and an editor applies them in another order than applyEdits does.
 */
function joinInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const spot = (e: TextEdit) => {
    const { start, end } = e.range;
    return start.line === end.line && start.character === end.character
      ? `${start.line}:${start.character}`
      : undefined;
  };
  for (const edit of edits) {
    const same = spot(edit) && out.find((o) => spot(o) === spot(edit));
    if (same) same.newText += edit.newText;
    else out.push({ ...edit });
  }
  return out;
}

function runtimeStage(model: DockerfileModel, stage: Stage, kind: Toolchain, build: string): RuntimeStage {
  const ref = rootImage(model, stage)!;
  const workdir = workdirAt(stage, stage.instructions.length) ?? '/app';
  const placeholder = (image: string): RuntimeStage => ({
    image,
    lines: [
      '# Copy only what the app needs at run time from the build stage:',
      `COPY --from=${build} ${workdir} ${workdir}`,
    ],
    edits: [],
  });
  switch (kind) {
    case 'go': {
      const out = buildOutput(model, stage, 'go', 'build', ['-o']);
      // `CGO_ENABLED=0 go build` is POSIX shell
      if (!out || !runsPosixShell(model, out.run)) return placeholder(`${GO_RUNTIME}:nonroot`);
      // distroless/static has no C library: the binary must be static
      const cgo =
        out.command.assigns.includes('CGO_ENABLED') ||
        stage.instructions.some(
          (i) => i.keyword === 'ENV' && declaredNames(i, model.escapeChar).includes('CGO_ENABLED'),
        );
      const edits = cgo
        ? []
        : [{ range: { start: out.command.range.start, end: out.command.range.start }, newText: 'CGO_ENABLED=0 ' }];
      return { image: `${GO_RUNTIME}:nonroot`, lines: [`COPY --from=${build} ${out.path} ${out.path}`], edits };
    }
    case 'dotnet': {
      const image = dotnetRuntimes(ref, servesWeb(model, stage))[0];
      const out = buildOutput(model, stage, 'dotnet', 'publish', ['-o', '--output']);
      if (!out) return placeholder(image);
      return { image, lines: ['WORKDIR /app', `COPY --from=${build} ${out.path} .`], edits: [] };
    }
    case 'node':
      return {
        image: slimVariant(ref),
        lines: [`WORKDIR ${workdir}`, `COPY --from=${build} ${workdir} ./`],
        edits: [],
      };
    case 'java':
      return placeholder(jreFor(ref));
    case 'rust':
      return placeholder(rustRuntime(ref));
    case 'compilers':
      return placeholder(ref && !ref.hasVariable ? ref.raw : stage.base);
  }
}

/**
 * The distribution a Rust build image is made on, as a pinned tag: the release its tag names
 * (`rust:1.80-alpine3.20` → `alpine:3.20`, `rust:1-trixie` → `debian:trixie-slim`), so that the
 * binary finds the C library it was linked against.
 */
function rustRuntime(ref: ImageRef): string {
  const tag = ref.tag ?? '';
  if (/alpine/.test(tag)) return `alpine:${/alpine(\d+(?:\.\d+)*)/.exec(tag)?.[1] ?? '3'}`;
  return `debian:${/(bullseye|bookworm|trixie)/.exec(tag)?.[1] ?? 'bookworm'}-slim`;
}

/** The absolute path a `go build -o` / `dotnet publish -o` writes, read from the RUN. */
function buildOutput(
  model: DockerfileModel,
  stage: Stage,
  program: string,
  sub: string,
  options: string[],
): { path: string; command: SimpleCommand; run: Instr } | undefined {
  for (const run of stage.instructions) {
    if (!mayRunProgram(run, [program])) continue;
    for (const command of runScript(model, run)?.commands ?? []) {
      const inv = invocationOf(command);
      if (!inv || inv.program !== program || inv.subcommand.value !== sub) continue;
      const words = command.words.map((w) => w.value);
      let out: string | undefined;
      words.forEach((w, i) => {
        if (w && options.includes(w)) out = words[i + 1];
        const eq = w && options.map((o) => `${o}=`).find((o) => w.startsWith(o));
        if (eq) out = w!.slice(eq.length);
      });
      if (!out || out.includes('$')) return undefined;
      const dir = workdirAt(stage, stage.instructions.indexOf(run));
      if (!out.startsWith('/') && !dir) return undefined;
      const path = out.startsWith('/') ? out : `${dir!.replace(/\/$/, '')}/${out.replace(/^\.\//, '')}`;
      return { path: path.replace(/\/$/, '') || '/', command, run };
    }
  }
  return undefined;
}

/** The absolute WORKDIR in effect before instruction `before` of the stage, when it can be known. */
function workdirAt(stage: Stage, before: number): string | undefined {
  let dir: string | undefined;
  for (const i of stage.instructions.slice(0, before)) {
    if (i.keyword !== 'WORKDIR') continue;
    const value = i.args[0]?.value;
    if (!value || value.includes('$')) return undefined;
    dir = value.startsWith('/') ? value : dir ? `${dir.replace(/\/$/, '')}/${value}` : undefined;
  }
  return dir;
}

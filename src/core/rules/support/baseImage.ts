// What the rules need to know about the image a stage starts from: the stage chain down to a
// real image, the distribution family (which decides the shell tools a fix may use), and the
// images that already run as a non-root user.
import type { DockerfileModel, Instr, Stage } from '../../dockerfile/model';
import type { PropertyInstruction } from 'dockerfile-ast';
import { parseImageRef, shortName, type ImageRef } from '../../dockerfile/imageRef';
import { instructionsOf, lastBefore } from '../../dockerfile/stageLayout';
import { runsProgram } from '../../shell/programs';
import { invocationOf } from './invocations';
import { memoOn } from '../../memo';

export type Family = 'alpine' | 'busybox' | 'debian' | 'rhel' | 'distroless' | 'scratch' | 'unknown';

/** The stage and the stages it builds on (`FROM <stage>`), nearest first. */
export function stageChain(model: DockerfileModel, stage: Stage): readonly Stage[] {
  // a dozen rules ask for the final stage's, some for each RUN
  return memoOn(stage, CHAIN, () => {
    const chain: Stage[] = [];
    const seen = new Set<Stage>();
    for (let s: Stage | undefined = stage; s && !seen.has(s); s = baseOf(model, s)) {
      chain.push(s);
      seen.add(s);
    }
    return chain;
  });
}

const CHAIN = Symbol('dockwright.stageChain');

/**
 * Whether the instruction's layers are in the image a build produces: its stage is the final one
 * (or the target) or one that stage builds on. A stage only copied from (or not used at all)
 * leaves its layers behind. True outside any stage, and when the target names no stage.
 */
export function reachesImage(model: DockerfileModel, instr: Instr, target?: string): boolean {
  const stage = model.stages[instr.stage];
  const inImage = stagesInImage(model, target);
  return !stage || !inImage || inImage.has(stage);
}

// Each RUN asks: the chain is walked once for each model and target, not once for each RUN. The
// answers and the others below are kept on the model or the stage, never in a WeakMap: their
// values point back at the model, which V8's scavenges would then keep and copy (see memo.ts).
const IN_IMAGE = Symbol('dockwright.stagesInImage');

function stagesInImage(model: DockerfileModel, target: string | undefined): ReadonlySet<Stage> | undefined {
  const byTarget = memoOn(model, IN_IMAGE, () => new Map<string | undefined, ReadonlySet<Stage> | undefined>());
  if (!byTarget.has(target)) {
    const final = model.finalStage(target);
    byTarget.set(target, final && new Set(stageChain(model, final)));
  }
  return byTarget.get(target);
}

function baseOf(model: DockerfileModel, stage: Stage): Stage | undefined {
  return stage.baseStage === undefined ? undefined : model.stages[stage.baseStage];
}

const ROOTS = Symbol('dockwright.rootStages');

/**
 * The last stage of the chain, the one that names an image. A stage builds only on one before it
 * (the model looks its base up among those), so one pass over the stages finds every stage's
 * root: a long chain of stages is walked once, not once for each stage (or instruction) asking.
 */
export function rootStage(model: DockerfileModel, stage: Stage): Stage {
  const roots = memoOn(model, ROOTS, () => {
    const found: Stage[] = [];
    for (const s of model.stages)
      found.push(s.baseStage !== undefined && s.baseStage < s.index ? found[s.baseStage] : s);
    return found;
  });
  return roots[stage.index];
}

/**
 * The image at the bottom of the chain, with `$ARG`s replaced by the defaults of the ARGs before
 * the first FROM; undefined for scratch or a base that is not an image.
 */
export function rootImage(model: DockerfileModel, stage: Stage): ImageRef | undefined {
  const image = rootStage(model, stage).image;
  if (!image?.hasVariable) return image;
  // rules ask for each RUN of the stage: the expansion is parsed once
  return memoOn(stage, EXPANDED_IMAGE, () => {
    const expanded = expandGlobalArgs(model, image.raw);
    return expanded.includes('$') || model.stageByRef(expanded) ? image : parseImageRef(expanded);
  });
}

const EXPANDED_IMAGE = Symbol('dockwright.expandedRootImage');

const globalArgs = new WeakMap<DockerfileModel, Map<string, string>>();

/** `$NAME` and `${NAME}` replaced by the default of a global ARG NAME, where it has one. */
function expandGlobalArgs(model: DockerfileModel, text: string): string {
  let args = globalArgs.get(model);
  if (!args) {
    args = new Map();
    for (const i of model.instructions) {
      if (i.stage >= 0) break;
      if (i.keyword !== 'ARG') continue;
      for (const p of (i.node as PropertyInstruction).getProperties()) {
        const value = p.getValue();
        if (value !== null) args.set(p.getName(), value);
      }
    }
    globalArgs.set(model, args);
  }
  const known = args;
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (all, braced, bare) => known.get(braced ?? bare) ?? all,
  );
}

export function isScratch(model: DockerfileModel, stage: Stage): boolean {
  return rootStage(model, stage).base.toLowerCase() === 'scratch';
}

const DEBIAN_IMAGES =
  /^(debian|ubuntu|buildpack-deps|node|python|golang|ruby|php|perl|openjdk|eclipse-temurin|maven|gradle|rust|nginx|httpd|postgres|mysql|mariadb|redis|elixir|erlang|haskell|julia|r-base|swift|aspnet|runtime|runtime-deps|sdk|dotnet|mono|gcc|clojure|node-red)$/;
const RHEL_IMAGES =
  /^(centos|fedora|rockylinux|almalinux|ubi\d*|ubi\d*-minimal|ubi-minimal|amazonlinux|oraclelinux|photon)$/;

/** The distribution of a stage's image, from the reference and else from the package managers its RUNs use. */
export function imageFamily(model: DockerfileModel, stage: Stage): Family {
  // several rules ask, and the answer may mean reading each RUN of the chain
  return memoOn(stage, FAMILY, () => readFamily(model, stage));
}

const FAMILY = Symbol('dockwright.imageFamily');

function readFamily(model: DockerfileModel, stage: Stage): Family {
  if (isScratch(model, stage)) return 'scratch';
  const ref = rootImage(model, stage);
  if (ref && !ref.hasVariable) {
    const fromRef = familyOf(ref);
    if (fromRef !== 'unknown') return fromRef;
  }
  const runs = stageChain(model, stage).flatMap((s) => s.instructions);
  if (runsProgram(model, runs, ['apk'], (c) => invocationOf(c)?.subcommand.value === 'add')) return 'alpine';
  if (runsProgram(model, runs, ['apt-get', 'apt'])) return 'debian';
  if (runsProgram(model, runs, ['yum', 'dnf', 'microdnf'])) return 'rhel';
  return 'unknown';
}

export function familyOf(ref: ImageRef): Family {
  const name = shortName(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  if (
    ref.path.startsWith('distroless/') ||
    ref.path.includes('/distroless/') ||
    /chiseled|distroless/.test(tag) ||
    (ref.domain === 'cgr.dev' && !/-dev$/.test(tag))
  )
    return 'distroless';
  if (name === 'alpine' || /alpine/.test(tag)) return 'alpine';
  if (name === 'busybox') return 'busybox';
  if (RHEL_IMAGES.test(name) || /(^|-)(ubi|centos|fedora|rockylinux|almalinux|oraclelinux|amazonlinux)/.test(tag))
    return 'rhel';
  if (/windows|nanoserver|servercore/.test(tag)) return 'unknown';
  if (DEBIAN_IMAGES.test(name) || /(bookworm|bullseye|buster|stretch|trixie|jammy|noble|focal|bionic|slim)/.test(tag))
    return 'debian';
  return 'unknown';
}

/** Windows images have no root: they start as ContainerUser or ContainerAdministrator. */
function isWindows(ref: ImageRef): boolean {
  return /nanoserver|servercore|windows|ltsc\d/.test(`${ref.path}:${ref.tag ?? ''}`.toLowerCase());
}

/** Images documented to start as a non-root user. */
export function runsAsNonRoot(ref: ImageRef): boolean {
  const tag = (ref.tag ?? '').toLowerCase();
  if (isWindows(ref)) return true;
  if (/(^|[-_.])(nonroot|non-root|rootless|unprivileged)([-_.]|$)/.test(tag)) return true;
  if (/chiseled/.test(tag)) return true; // .NET chiseled images set USER app
  if (ref.domain === 'cgr.dev') return !/-dev$/.test(tag); // Chainguard images run as nonroot, except -dev
  return (
    /^(bitnami\/|nginxinc\/nginx-unprivileged$|jenkins\/jenkins$|sonarqube$|library\/sonarqube$)/.test(ref.path) ||
    /-unprivileged$/.test(ref.path) ||
    imageUser(ref) !== undefined
  );
}

/** Images that start as a named user, by path (docker.io unless a domain is given). */
const IMAGE_USERS: [RegExp, string][] = [
  [/^jenkins\/(jenkins|agent|inbound-agent)$/, 'jenkins'],
  [/^(cimg|circleci)\//, 'circleci'],
  [/^gitpod\/workspace-/, 'gitpod'],
  [/^codercom\/code-server$/, 'coder'],
  [/^bitnami\//, '1001'],
  [/^(library\/)?sonarqube$/, 'sonarqube'],
];

/** The user an image known to run as non-root starts as, written as USER takes it. */
export function imageUser(ref: ImageRef): string | undefined {
  if (ref.domain === 'docker.io') for (const [path, user] of IMAGE_USERS) if (path.test(ref.path)) return user;
  const tag = (ref.tag ?? '').toLowerCase();
  if (ref.domain === 'cgr.dev' && !/-dev$/.test(tag)) return 'nonroot';
  if (/(^|[-_.])nonroot([-_.]|$)/.test(tag) && /distroless/.test(ref.path)) return 'nonroot';
  return undefined;
}

/** root or uid 0, with any group. */
export const isRootUser = (user: string) => /^(root|0)(:.*)?$/.test(user.trim());

/**
 * The user a RUN runs as: the last USER before it in its stage or the stages it builds on, else
 * the user its base image starts as. `root` is false for any other user, for a USER written with
 * a variable, and for an image known to run as non-root; `user` is undefined when the image's own
 * user cannot be named.
 */
export function userAt(model: DockerfileModel, instr: Instr): { user: string | undefined; root: boolean } {
  const stage = model.stages[instr.stage];
  if (!stage) return { user: undefined, root: true };
  const last =
    lastBefore(instructionsOf(stage, 'USER').filter(hasValue), instr.index) ?? inherited(model, stage, 'USER');
  if (last) {
    const user = last.args.map((a) => a.value).join(' ');
    return { user, root: isRootUser(user) };
  }
  const image = rootImage(model, stage);
  if (image && !image.hasVariable && runsAsNonRoot(image)) return { user: imageUser(image), root: false };
  return { user: undefined, root: true };
}

/** A USER without a value is no user (BuildKit refuses it); a SHELL of any kind counts. */
const hasValue = (instr: Instr) => instr.keyword !== 'USER' || instr.args.length > 0;

type Inherited = 'USER' | 'SHELL';
const ENDS: Record<Inherited, symbol> = { USER: Symbol('dockwright.userEnds'), SHELL: Symbol('dockwright.shellEnds') };

/** The last USER or SHELL of the stages `stage` builds on: what its base leaves in effect. */
export function inherited(model: DockerfileModel, stage: Stage, keyword: Inherited): Instr | undefined {
  const base = baseOf(model, stage);
  return (base && endOf(model, base, keyword)) ?? undefined;
}

/**
 * The USER or SHELL in effect at the end of a stage: its own last one, else its base's. Found for
 * every stage in one pass from the first (a stage builds only on one before it), so that the
 * instructions of a long chain of stages walk it once, not once each.
 */
function endOf(model: DockerfileModel, stage: Stage, keyword: Inherited): Instr | null {
  const ends = memoOn(model, ENDS[keyword], () => {
    const found: (Instr | null)[] = [];
    for (const s of model.stages) {
      const below = s.baseStage !== undefined && s.baseStage < s.index ? found[s.baseStage] : null;
      found.push(instructionsOf(s, keyword).filter(hasValue).at(-1) ?? below);
    }
    return found;
  });
  return ends[stage.index];
}

/** A user the image already has for running the app, written as USER takes it. */
export function builtInUser(ref: ImageRef | undefined): string | undefined {
  if (!ref || ref.hasVariable) return undefined;
  const name = shortName(ref);
  if (name === 'node' && ref.domain === 'docker.io') return 'node';
  // .NET 8+ images create the `app` user and publish its id as APP_UID
  if (ref.domain === 'mcr.microsoft.com' && ref.path.startsWith('dotnet/')) {
    const major = Number(/^(\d+)/.exec(ref.tag ?? '')?.[1]);
    if (major >= 8) return '$APP_UID';
  }
  return undefined;
}

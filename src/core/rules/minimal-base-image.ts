import type { DockerfileModel, Stage } from '../dockerfile/model';
import { shortName, type ImageRef } from '../dockerfile/imageRef';
import { runsProgram } from '../shell/programs';
import type { SimpleCommand } from '../shell/script';
import type { Rule } from '../rule';
import type { Fix } from '../types';
import { rootImage, stageChain } from './support/baseImage';
import { keptToolchain } from './prefer-multi-stage';
import { invocationOf } from './support/invocations';
import { dotnetRuntimes, GO_RUNTIME, isDotnetSdk, jreFor, servesWeb, slimVariant } from './support/runtimeImages';

interface Verdict {
  what: string;
  /** Smaller images to use instead, best first; empty when none matches closely enough. */
  instead: string[];
}

export const minimalBaseImage: Rule = {
  id: 'minimal-base-image',
  aliases: {},
  defaultLevel: 'info',
  title: 'final stage FROM a full distribution or SDK image',
  check({ dockerfile, target }) {
    const stage = dockerfile.finalStage(target);
    if (!stage) return [];
    const chain = stageChain(dockerfile, stage);
    const root = chain[chain.length - 1];
    const ref = rootImage(dockerfile, stage);
    if (!ref || ref.hasVariable) return [];
    const verdict = judge(dockerfile, stage, ref);
    // a single stage that keeps its build toolchain: prefer-multi-stage says what to do with that FROM
    if (!verdict || keptToolchain(dockerfile)) return [];
    const fixes: Fix[] =
      root === stage && !stage.image?.hasVariable
        ? verdict.instead.map((image) => ({
            title: `Use ${image}`,
            safe: false,
            edits: [{ range: stage.from.args[0].range, newText: image }],
          }))
        : [];
    return [
      {
        range: stage.from.args[0]?.range ?? stage.from.range,
        message: `The final image is built on ${verdict.what}: a smaller base means fewer packages to patch and a faster pull.${verdict.instead.length ? ` Consider ${verdict.instead.join(' or ')}.` : ''}`,
        fixes,
      },
    ];
  },
};

function judge(model: DockerfileModel, stage: Stage, ref: ImageRef): Verdict | undefined {
  const name = shortName(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  const small = /(^|-)(slim|alpine|minimal|distroless|chiseled)|windows|nanoserver|servercore/.test(tag);
  // a RUN of the stage or a stage it builds on (mvnw counts as mvn, gradlew as gradle)
  const runs = (programs: readonly string[], accept?: (command: SimpleCommand) => boolean) =>
    runsProgram(
      model,
      stageChain(model, stage).flatMap((s) => s.instructions),
      programs,
      accept,
    );
  if (isDotnetSdk(ref)) {
    if (runs(['dotnet'], (c) => SDK_COMMANDS.has(invocationOf(c)?.subcommand.value ?? '')))
      return { what: 'the .NET SDK', instead: [] };
    return { what: 'the .NET SDK', instead: dotnetRuntimes(ref, servesWeb(model, stage)) };
  }
  if (ref.domain !== 'docker.io' || !ref.path.startsWith('library/') || small) return undefined;
  switch (name) {
    case 'ubuntu':
    case 'centos':
    case 'fedora':
      return { what: `the full ${name} distribution`, instead: [] };
    case 'debian':
      return { what: 'the full debian image', instead: [slimVariant(ref)] };
    case 'node':
    case 'python':
      return { what: `the full ${name} image (with compilers and headers)`, instead: [slimVariant(ref)] };
    case 'golang':
      return { what: 'the Go toolchain', instead: runs(['go']) ? [] : [GO_RUNTIME] };
    case 'maven':
    case 'gradle':
    case 'openjdk': {
      if (name === 'openjdk' && /jre/.test(tag)) return undefined;
      return { what: `a JDK (${name})`, instead: runs(['javac', 'mvn', 'gradle', 'jar']) ? [] : [jreFor(ref)] };
    }
    default:
      return undefined;
  }
}

/** `dotnet` subcommands that need the SDK, not only a runtime. */
const SDK_COMMANDS = new Set(['build', 'publish', 'restore', 'test', 'pack', 'tool']);

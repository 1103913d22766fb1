import type { ImageRef } from '../dockerfile/imageRef';
import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { runMentions } from '../shell/prefilter';
import { runScript } from '../shell/script';
import { lazyFix } from '../lint/lazyFix';
import type { Rule } from '../rule';
import type { Fix, TextEdit } from '../types';
import {
  builtInUser,
  familyOf,
  imageFamily,
  isRootUser,
  isScratch,
  rootImage,
  runsAsNonRoot,
  stageChain,
  type Family,
} from './support/baseImage';
import { continuedAnd, insertLinesAfter, insertLinesBefore, replaceArguments } from './support/lineEdits';
import { beforeStart, lastInstruction } from '../dockerfile/stageLayout';
import { runsPosixShell } from './support/runEdits';

const APP_USER = 'app';
const APP_ID = 10001;

export const nonRootUser: Rule = {
  id: 'non-root-user',
  aliases: { hadolint: ['DL3002'], trivy: ['DS-0002'] },
  defaultLevel: 'warning',
  title: 'final stage ends as root: no USER, or last USER is root/0',
  check({ dockerfile, target }) {
    const stage = dockerfile.finalStage(target);
    if (!stage || isScratch(dockerfile, stage)) return [];
    const image = rootImage(dockerfile, stage);
    if (image && runsAsNonRoot(image)) return [];
    const users = stageChain(dockerfile, stage).flatMap((s) =>
      s.instructions.filter((i) => i.keyword === 'USER').reverse(),
    );
    const last = users[0];
    if (last && !isRootUser(last.args[0]?.value ?? '')) return [];
    return [
      {
        range: last?.range ?? stage.from.range,
        message: last
          ? 'The image runs as root: the last USER of the final stage is root. Switch to an unprivileged user.'
          : 'The image runs as root: the final stage sets no USER. Add an unprivileged user.',
        fixes: [
          userFix(
            dockerfile,
            stage,
            last,
            users.find((u) => !isRootUser(u.args[0]?.value ?? '')),
          ),
        ],
      },
    ];
  },
};

function userFix(
  model: DockerfileModel,
  stage: Stage,
  rootUser: Instr | undefined,
  earlierUser: Instr | undefined,
): Fix {
  const known = earlierUser?.args[0]?.value ?? createdUser(model, stage) ?? stageAppUser(model, stage);
  const user = known ?? APP_USER;
  // the shell and the family of the base, which may mean reading RUNs, only when the fix is read
  return lazyFix(known ? `Run as ${user}` : `Create the user ${user} and run as it`, false, () => ({
    edits: userEdits(
      model,
      stage,
      user,
      known ? [] : createUserRun(model, runsPosixShell(model, stage.from, Infinity), imageFamily(model, stage)),
      rootUser,
    ),
  }));
}

/**
 * imageAppUser for the stage's base. Of the stage's family only distroless counts there, and
 * imageFamily finds that in the reference alone (a stage of scratch never asks).
 */
function stageAppUser(model: DockerfileModel, stage: Stage): string | undefined {
  const image = rootImage(model, stage);
  return imageAppUser(image, image && !image.hasVariable ? familyOf(image) : 'unknown');
}

/** A user the image has for running the app: its own (node, .NET's APP_UID), distroless's nonroot. */
function imageAppUser(image: ImageRef | undefined, family: Family): string | undefined {
  return builtInUser(image) ?? (family === 'distroless' ? 'nonroot' : undefined);
}

/**
 * The lines that make a new stage FROM `image` run as an unprivileged user, as this rule's fix
 * writes them before its CMD: none for an image that already does. The stage is new, so its
 * shell is the image's own, a POSIX one (Windows images run as non-root).
 */
export function nonRootLines(model: DockerfileModel, image: ImageRef): string[] {
  if (runsAsNonRoot(image)) return [];
  const family = familyOf(image);
  const known = imageAppUser(image, family);
  return [...(known ? [] : createUserRun(model, true, family)), `USER ${known ?? APP_USER}`];
}

function userEdits(
  model: DockerfileModel,
  stage: Stage,
  user: string,
  create: string[],
  rootUser: Instr | undefined,
): TextEdit[] {
  const edits: TextEdit[] = [];
  // nothing after it needs root: the USER root itself can become the new USER
  const rootUserIsTrailing =
    !!rootUser &&
    !stage.instructions.some(
      (i) => i.index > rootUser.index && (i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD'),
    );
  if (rootUser && rootUser.stage === stage.index && rootUserIsTrailing) {
    // a trailing `USER root` is replaced, not followed by a second USER
    edits.push(replaceArguments(model, rootUser, user));
    if (create.length) edits.push(insertLinesBefore(model, rootUser, create));
  } else {
    const anchor = beforeStart(stage);
    const lines = [...create, `USER ${user}`];
    edits.push(
      anchor ? insertLinesBefore(model, anchor, lines) : insertLinesAfter(model, lastInstruction(stage), lines),
    );
  }
  return edits;
}

/**
 * The user-creation RUN for the base's distribution, continued the way a person writes it; in exec
 * form with /bin/sh when the stage's SHELL is not POSIX (the commands are joined with `&&`).
 */
function createUserRun(model: DockerfileModel, posix: boolean, family: Family): string[] {
  const [group, user] =
    family === 'alpine' || family === 'busybox'
      ? [`addgroup -S -g ${APP_ID} ${APP_USER}`, `adduser -S -u ${APP_ID} -G ${APP_USER} -H ${APP_USER}`]
      : [
          `groupadd --system --gid ${APP_ID} ${APP_USER}`,
          `useradd --system --uid ${APP_ID} --gid ${APP_USER} --no-create-home ${APP_USER}`,
        ];
  if (!posix) return [`RUN ${JSON.stringify(['/bin/sh', '-c', `${group} && ${user}`]).replace(/","/g, '", "')}`];
  if (family === 'alpine' || family === 'busybox') return [`RUN ${group} && ${user}`];
  return continuedAnd(model, `RUN ${group}`, user);
}

/** A user that a RUN of the stage already creates (`useradd … name`, `adduser … name`). */
function createdUser(model: DockerfileModel, stage: Stage): string | undefined {
  for (const s of stageChain(model, stage)) {
    for (const instr of [...s.instructions].reverse()) {
      if (!runMentions(instr, /\b(useradd|adduser)\b/)) continue;
      for (const command of runScript(model, instr)?.commands ?? []) {
        if (command.name !== 'useradd' && command.name !== 'adduser') continue;
        const name = command.words[command.words.length - 1]?.value;
        if (name && /^[a-z_][a-z0-9_-]*$/i.test(name) && command.words.length > 1) return name;
      }
    }
  }
  return undefined;
}

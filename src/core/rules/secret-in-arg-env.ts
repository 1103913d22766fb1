import type { PropertyInstruction } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../dockerfile/model';
import type { Rule } from '../rule';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { continuationStyle, deleteInstruction } from './support/lineEdits';
import { runsPosixShell } from './support/runEdits';
import { isFilePath, isSecretName, looksLikeCredential } from './support/secretNames';
import { memoOn } from '../memo';
import { lazyFix } from '../lint/lazyFix';

interface Declaration {
  instr: Instr;
  name: string;
  range: Range;
  /** Where the property's text ends and the next one (if any) begins, for removing one of several. */
  removal: Range;
  /** The instruction declares only this property. */
  alone: boolean;
  /** The value as written, quotes and all; undefined for `ARG NAME` with none. */
  value?: string;
  /** The name looks secret (and the value is no file path), or the text looks like a credential. */
  secret: boolean;
}

export const secretInArgEnv: Rule = {
  id: 'secret-in-arg-env',
  aliases: { hadolint: ['DL3064'], buildkit: ['SecretsUsedInArgOrEnv'], trivy: ['DS-0031'] },
  defaultLevel: 'error',
  title: 'ARG or ENV whose name looks secret',
  check({ dockerfile }) {
    const declared = declarations(dockerfile);
    const secret = declared.filter((d) => d.secret);
    const fixes = new Map<string, Fix[]>();
    return secret.map((d): Finding => {
      if (!fixes.has(d.name))
        fixes.set(
          d.name,
          secretMountFixes(
            dockerfile,
            d.name,
            declared.filter((o) => o.name === d.name),
          ),
        );
      return {
        range: d.range,
        message: `${d.instr.keyword} ${d.name} holds a secret: build args and environment variables stay readable in the image and its history. Pass it as a build secret.`,
        fixes: fixes.get(d.name),
      };
    });
  },
};

function declarations(model: DockerfileModel): Declaration[] {
  return model.instructions.flatMap((instr) =>
    instr.keyword === 'ARG' || instr.keyword === 'ENV' ? declarationsOf(model, instr) : [],
  );
}

const DECLARATIONS = Symbol('dockwright.secretDeclarations');

/** An ARG's or ENV's declarations: the instruction alone decides them, so they are kept on it. */
function declarationsOf(model: DockerfileModel, instr: Instr): readonly Declaration[] {
  return memoOn(instr, DECLARATIONS, () => {
    const props = (instr.node as PropertyInstruction).getProperties();
    return props.map((p, i): Declaration => {
      const range = p.getRange();
      const next = props[i + 1]?.getRange().start;
      const prev = props[i - 1]?.getRange().end;
      const removal = next ? { start: range.start, end: next } : prev ? { start: prev, end: range.end } : range;
      const name = p.getName();
      const value = p.getValue() ?? undefined;
      const secret = (isSecretName(name) && !isFilePath(value ?? '')) || looksLikeCredential(model.textOf(range));
      return { instr, name, range, removal, alone: props.length === 1, value, secret };
    });
  });
}

/** The two ways to pass the secret: as an environment variable (dockerfile 1.10+) or as a file (any BuildKit). */
function secretMountFixes(model: DockerfileModel, name: string, decls: Declaration[]): Fix[] {
  const id = name.toLowerCase();
  const removals: TextEdit[] = decls.map((d) =>
    d.alone ? deleteInstruction(model, d.instr) : { range: d.removal, newText: '' },
  );
  const use = new RegExp(`\\$(\\{)?${name}(?![A-Za-z0-9_])`);
  const uses = model.instructions.filter((i) => i.keyword === 'RUN' && !i.jsonForm && use.test(i.argsText));
  const hadValue =
    (decls.some((d) => d.value !== undefined)
      ? ' The value written in the Dockerfile is gone from it: pass it as that secret.'
      : '') +
    (decls.some((d) => d.instr.keyword === 'ENV')
      ? ' If the running container reads it, give it at run time (docker run -e, a secret store).'
      : '');
  const secrets = [{ id, env: name }];
  if (!uses.length) {
    // no RUN reads it: nothing to mount, only the declaration to take out
    return [
      {
        title: `Remove ${name} from the Dockerfile`,
        safe: false,
        edits: removals,
        note: `Pass ${name} as a build secret where a RUN needs it: --secret id=${id},env=${name}.${hadValue}`,
        secrets,
      },
    ];
  }
  // the mounts' edits read how the whole file continues its lines: worked out when a fix is read
  const envForm = lazyFix(`Pass ${name} as a secret mount (env=${name})`, false, () => ({
    edits: [
      ...removals,
      ...syntaxEdits(model),
      ...uses.map((run) => mountFlag(model, run, `--mount=type=secret,id=${id},env=${name}`, true)),
    ],
    note: `The build now needs --secret id=${id},env=${name} (or src=<file>), and the dockerfile 1.10+ frontend for env=.${hadValue}`,
    secrets,
  }));
  // the file form prefixes the RUN with POSIX shell: `NAME="$(cat …)" &&`
  const heredoc = uses.some((run) => run.argsText.trimStart().startsWith('<<'));
  if (heredoc || !uses.every((run) => runsPosixShell(model, run))) return [envForm];
  const fileForm = lazyFix(`Pass ${name} as a secret mount (read /run/secrets/${id})`, false, () => ({
    edits: [
      ...removals,
      ...uses.flatMap((run) => [
        mountFlag(model, run, `--mount=type=secret,id=${id}`, false),
        { range: { start: run.argsStart, end: run.argsStart }, newText: `${name}="$(cat /run/secrets/${id})" && ` },
      ]),
    ],
    note: `The build now needs --secret id=${id},env=${name} (or src=<file>).${hadValue}`,
    secrets,
  }));
  // Without a syntax line the builder's own frontend runs, and old ones only know the file form.
  return model.directive('syntax') ? [envForm, fileForm] : [fileForm, envForm];
}

/** Puts the mount first among the RUN's flags; on its own continued line when `ownLine`. */
function mountFlag(model: DockerfileModel, run: Instr, flag: string, ownLine: boolean): TextEdit {
  const first = run.flags[0]?.range.start ?? run.argsStart;
  const indent = model.indentOf(run.range.start.line);
  const newText = ownLine
    ? ` ${flag} ${model.escapeChar}${model.eol}${indent}${continuationStyle(model).indent}`
    : ` ${flag} `;
  return { range: { start: run.keywordRange.end, end: first }, newText };
}

/** `env=` in a secret mount needs dockerfile 1.10+: add the syntax line, or lift an older pinned one. */
function syntaxEdits(model: DockerfileModel): TextEdit[] {
  const syntax = model.directive('syntax');
  if (!syntax)
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: `# syntax=docker/dockerfile:1${model.eol}`,
      },
    ];
  const m = /^(docker\/dockerfile):1\.(\d+)(?:\.\d+)?(-labs)?$/.exec(syntax.value.trim());
  if (!m || Number(m[2]) >= 10) return [];
  const line = model.lines[syntax.range.start.line];
  const at = line.indexOf(syntax.value);
  return [
    {
      range: {
        start: { line: syntax.range.start.line, character: at },
        end: { line: syntax.range.start.line, character: at + syntax.value.length },
      },
      newText: `docker/dockerfile:1${m[3] ?? ''}`,
    },
  ];
}

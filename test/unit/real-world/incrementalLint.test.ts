// The editor's incremental lint (issue 16) must answer exactly what a fresh lint of the same text
// does: edits replayed over corpus files (typing and deleting inside and across instructions,
// line continuations, heredocs, stage renames, parser directives), and after each one the
// session's findings (ranges, messages, related places, fixes worked out) against a full lint's.
import assert from 'node:assert/strict';
import path from 'node:path';
import { folderContext } from '../../../src/core/context';
import { plainFix } from '../../../src/core/lint/lazyFix';
import { lint, type LintOptions } from '../../../src/core/lint/lint';
import { LintSession } from '../../../src/core/lint/session';
import type { Diagnostic } from '../../../src/core/types';
import { allOn, corpusOrSkip, type CorpusFile } from './sharedCorpus';
import { seededRandom } from '../../support/seededRandom';

/** Edits a file; with CI=true more. DOCKWRIGHT_INCREMENTAL_EDITS sets it. */
const EDITS_PER_FILE = Number(process.env.DOCKWRIGHT_INCREMENTAL_EDITS ?? (process.env.CI === 'true' ? 60 : 30));

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const below = (rng: Rng, n: number) => Math.floor(rng() * n);

/** Where each line starts and ends (without its line break). */
function lineSpans(text: string): { start: number; end: number; text: string }[] {
  const spans = [];
  let start = 0;
  for (const line of text.split('\n')) {
    spans.push({ start, end: start + line.length, text: line });
    start += line.length + 1;
  }
  return spans;
}

const splice = (text: string, at: number, remove: number, insert: string) =>
  text.slice(0, at) + insert + text.slice(at + remove);

const LINES = [
  'FROM alpine:3.19 AS build',
  'FROM build',
  'FROM scratch',
  'COPY --from=build /out /out',
  'RUN apt-get update && apt-get install -y curl',
  'RUN apk add git | tee log',
  'RUN <<EOF',
  'EOF',
  'RUN cd /src && make \\',
  '    && make install',
  'ONBUILD RUN pip install x',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'USER root',
  'WORKDIR app',
  'ARG VERSION=1',
  'ENV PATH=$PATH:/x',
  // what the rules keep on an instruction: declarations, mounts, cache verdicts, context sources
  'ENV API_TOKEN=s3cr3t',
  'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y git',
  'RUN yum install -y make && yum clean all',
  'COPY ${SRC} ./src/',
  'CMD ["node", "server.js"]',
  'EXPOSE 80',
  '# hadolint ignore=DL3008',
  '# a comment',
  '',
];

/** One edit of the kinds a user makes; each takes the text and gives the next. */
const EDIT_KINDS: Record<string, (text: string, rng: Rng) => string> = {
  typeCharacter: (text, rng) => splice(text, below(rng, text.length + 1), 0, pick(rng, [...'aZ9 -_./$"\'\\`\n#<&|'])),
  deleteCharacters: (text, rng) => splice(text, below(rng, text.length), 1 + below(rng, 3), ''),
  deleteAcrossInstructions: (text, rng) => splice(text, below(rng, text.length), 20 + below(rng, 300), ''),
  deleteLine: (text, rng) => {
    const line = pick(rng, lineSpans(text));
    return splice(text, line.start, line.end - line.start + 1, '');
  },
  duplicateLine: (text, rng) => {
    const line = pick(rng, lineSpans(text));
    return splice(text, line.start, 0, `${line.text}\n`);
  },
  insertLine: (text, rng) => splice(text, pick(rng, lineSpans(text)).start, 0, `${pick(rng, LINES)}\n`),
  toggleContinuation: (text, rng) => {
    const line = pick(rng, lineSpans(text));
    return line.text.endsWith('\\')
      ? splice(text, line.end - 1, 1, '')
      : splice(text, line.end, 0, pick(rng, [' \\', '\\', ' `']));
  },
  heredoc: (text, rng) => {
    const lines = lineSpans(text);
    const run = lines.filter((l) => /^RUN /.test(l.text));
    const terminator = lines.filter((l) => l.text === 'EOF');
    if (terminator.length && rng() < 0.3) {
      const line = pick(rng, terminator);
      return splice(text, line.start, line.end - line.start + 1, '');
    }
    if (!run.length) return splice(text, text.length, 0, '\nRUN <<EOF\necho hi\nEOF\n');
    const line = pick(rng, run);
    // a heredoc opened on a RUN line, closed a few lines on or never
    const close = pick(rng, lines.slice(lines.indexOf(line) + 1, lines.indexOf(line) + 6).concat([line]));
    const opened = splice(text, close.end, 0, rng() < 0.8 ? '\nEOF' : '');
    return splice(opened, line.start + 4, 0, pick(rng, ['<<EOF ', '<<-EOF\n', 'cat <<EOF && ']));
  },
  renameStage: (text, rng) => {
    const froms = lineSpans(text).filter((l) => /^FROM\s/i.test(l.text));
    if (!froms.length) return splice(text, 0, 0, 'FROM alpine AS first\n');
    const line = pick(rng, froms);
    const as = /\s+AS\s+(\S+)/i.exec(line.text);
    if (!as) return splice(text, line.end, 0, pick(rng, [' AS build', ' AS base', ' as x']));
    const nameAt = line.start + as.index + as[0].length - as[1].length;
    if (rng() < 0.3) return splice(text, line.start + as.index, as[0].length, ''); // the name goes
    return splice(text, nameAt, as[1].length, pick(rng, ['build', 'base', `${as[1]}2`, as[1].slice(0, -1)]));
  },
  editTop: (text, rng) =>
    rng() < 0.5
      ? splice(text, 0, 0, pick(rng, ['# escape=`\n', '# syntax=docker/dockerfile:1\n', '# check=skip=all\n', '\n']))
      : splice(text, 0, text.indexOf('\n') + 1, ''),
  typeInRun: (text, rng) => {
    const runs = lineSpans(text).filter((l) => /^\s*(RUN|&&|\w)/.test(l.text) && l.text.length > 4);
    if (!runs.length) return text;
    const line = pick(rng, runs);
    return splice(text, line.start + 4 + below(rng, line.end - line.start - 3), 0, pick(rng, ['x', ' ', ' | y', '&&']));
  },
};

/** Biased to typing in the middle of instructions, as in an editor. */
const WEIGHTED = Object.entries(EDIT_KINDS).flatMap(([name, edit]) =>
  Array<[string, typeof edit]>(name === 'typeCharacter' || name === 'typeInRun' ? 4 : 1).fill([name, edit]),
);

/** Findings as plain data, fixes worked out, so that deepEqual compares everything a user sees. */
function plain(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => ({ ...d, fixes: d.fixes.map(plainFix) }));
}

/** Files with the constructs the incremental lint must get right, and a spread of the rest. */
function chosen(corpus: CorpusFile[]): CorpusFile[] {
  const pickOne = (test: (text: string) => boolean) => corpus.filter((f) => test(f.text)).slice(0, 2);
  const files = [
    ...pickOne((t) => /<<-?["']?[A-Z]/.test(t)),
    ...pickOne((t) => t.startsWith('# escape=')),
    ...pickOne((t) => /^ONBUILD /m.test(t)),
    ...pickOne((t) => (t.match(/^FROM /gm) ?? []).length >= 4),
    ...pickOne((t) => /\\\n\s*#/.test(t)),
    ...corpus.filter((_, i) => i % 60 === 7),
  ];
  return [...new Set(files)];
}

describe('the incremental lint equals a full lint after every edit', function () {
  this.timeout(120_000);
  const corpus = corpusOrSkip(this.ctx as unknown as Mocha.Context);

  for (const file of chosen(corpus ?? [])) {
    it(`${file.name}: ${EDITS_PER_FILE} edits`, () => {
      const rng = seededRandom(file.name.length * 7919 + file.text.length);
      const options: LintOptions = { rules: allOn(), context: folderContext(path.dirname(file.file), file.file) };
      const session = new LintSession();
      let text = file.text;
      const done: string[] = [];
      for (let i = 0; i <= EDITS_PER_FILE; i++) {
        if (i > 0) {
          const [name, edit] = pick(rng, WEIGHTED);
          text = rng() < 0.05 && done.length ? file.text : edit(text, rng); // now and then the file comes back whole
          done.push(name);
        }
        assert.deepEqual(
          plain(session.lint(text, options)),
          plain(lint(text, options)),
          `after edits ${done.join(', ')}:\n${text}`,
        );
      }
    });
  }
});

// An edit inside one line keeps every other instruction, with what was worked out on it: what a
// rule concludes from an instruction's surroundings must not be kept on the instruction.
/** Instructions between the edited line and the one that depends on it: the edit's parse stops before them. */
const APART = 'LABEL a=1\nLABEL b=2\nLABEL c=3\n';
const IN_PLACE_CONTEXT_EDITS: { name: string; text: string; from: string; to: string }[] = [
  {
    name: 'an ENV that turns pip’s cache off',
    text: `FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\n${APART}RUN pip install flask\n`,
    from: 'PIP_NO_CACHE_DIR=0',
    to: 'PIP_NO_CACHE_DIR=1',
  },
  {
    name: 'a SHELL that sets pipefail',
    text: `FROM debian:12\nSHELL ["/bin/sh", "-c"]\n${APART}RUN curl -fsSL https://x | tar xz\n`,
    from: '["/bin/sh", "-c"]',
    to: '["/bin/bash", "-o", "pipefail", "-c"]',
  },
  {
    name: 'the FROM image under an apt-get install (Windows: no fixes for Linux)',
    text: `FROM ubuntu:22.04\n${APART}RUN apt-get update && apt-get install -y curl\n`,
    from: 'ubuntu:22.04',
    to: 'mcr.microsoft.com/windows/servercore:ltsc2022',
  },
  {
    name: 'a USER before a sudo',
    text: `FROM debian:12\nUSER app\n${APART}RUN sudo apt-get install -y curl\n`,
    from: 'USER app',
    to: 'USER root',
  },
  {
    name: 'an ARG a later instruction uses',
    text: `FROM alpine:3.19\nARG TOKEN_FILE=x\n${APART}ENV PASSWORD=$TOKEN_FILE\n`,
    from: 'TOKEN_FILE=x',
    to: 'TOKEN_FIL=x',
  },
];

describe('the incremental lint after an edit that changes the surroundings of kept instructions', () => {
  for (const { name, text, from, to } of IN_PLACE_CONTEXT_EDITS)
    it(name, () => {
      const options: LintOptions = { rules: allOn() };
      const session = new LintSession();
      const edited = text.replace(from, to);
      assert.notDeepEqual(plain(lint(edited, options)), plain(lint(text, options)), 'the edit changes the findings');
      session.lint(text, options);
      assert.deepEqual(plain(session.lint(edited, options)), plain(lint(edited, options)));
      assert.deepEqual(plain(session.lint(text, options)), plain(lint(text, options)), 'and back');
    });
});

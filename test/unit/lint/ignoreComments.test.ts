// Ignore comments as a user sees them: what lint() still reports. Six syntaxes are read, so that
// files written for hadolint, BuildKit or Trivy keep their meaning; Dockwright writes its own.
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/core/dockerfile/model';
import { applyEdits } from '../../../src/core/lint/fix';
import { ignoreCommentEdit } from '../../../src/core/lint/ignoreComments';
import { lint } from '../../../src/core/lint/lint';
import { allRules } from '../../../src/core/rules';
import { dockerfile } from '../../support/dedent';

// Rules that fire on one line each: an untagged FROM, MAINTAINER, a relative WORKDIR, and an
// apt-get install on the continuation line of a RUN (two rules there).
const ON = new Set([
  'pin-base-image',
  'maintainer-deprecated',
  'workdir-absolute',
  'apt-get-yes',
  'apt-no-install-recommends',
]);
const rules = Object.fromEntries(allRules.map((r) => [r.id, ON.has(r.id) ? 'warning' : 'off'] as const));

/** What lint() reports, as `rule@line` (1-based). */
function reported(text: string): string[] {
  return lint(text, { rules }).map((d) => `${d.rule}@${d.range.start.line + 1}`);
}

interface Case {
  name: string;
  code: string;
  reported: string[];
}

const NEXT_INSTRUCTION: Case[] = [
  {
    name: 'nothing ignored: every finding',
    code: dockerfile`
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
      RUN apt-get update && \
          apt-get install curl
    `,
    reported: ['maintainer-deprecated@2', 'workdir-absolute@3', 'apt-get-yes@5', 'apt-no-install-recommends@5'],
  },
  {
    name: '# dockwright-ignore <id> silences that rule on the next instruction only',
    code: dockerfile`
      FROM alpine:3.20
      # dockwright-ignore maintainer-deprecated
      MAINTAINER someone
      MAINTAINER someone else
    `,
    reported: ['maintainer-deprecated@4'],
  },
  {
    name: '# hadolint ignore=<DL code> reads the hadolint alias',
    code: dockerfile`
      FROM alpine:3.20
      # hadolint ignore=DL4000
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['workdir-absolute@4'],
  },
  {
    name: '# trivy:ignore:<DS id> reads the Trivy alias',
    code: dockerfile`
      FROM alpine:3.20
      # trivy:ignore:DS-0022
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['workdir-absolute@4'],
  },
  {
    name: 'on the first line of the file, where it reads as a parser directive',
    code: dockerfile`
      # hadolint ignore=DL3006
      FROM alpine
      WORKDIR app
    `,
    reported: ['workdir-absolute@3'],
  },
  {
    name: 'a rule the comment does not name still reports the next instruction',
    code: dockerfile`
      FROM alpine:3.20
      # dockwright-ignore workdir-absolute
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['maintainer-deprecated@3', 'workdir-absolute@4'],
  },
  {
    name: 'covers every line of a multi-line instruction, only the rules named',
    code: dockerfile`
      FROM alpine:3.20
      # hadolint ignore=DL3014
      RUN apt-get update && \
          apt-get install curl
    `,
    reported: ['apt-no-install-recommends@4'],
  },
  {
    name: 'several ids separated by commas',
    code: dockerfile`
      FROM alpine:3.20
      # hadolint ignore=DL3014,DL3015
      RUN apt-get update && \
          apt-get install curl
    `,
    reported: [],
  },
  {
    name: 'several ids separated by spaces',
    code: dockerfile`
      FROM alpine:3.20
      # dockwright-ignore apt-get-yes apt-no-install-recommends
      RUN apt-get update && \
          apt-get install curl
    `,
    reported: [],
  },
  {
    name: 'several ids separated by a comma and a space, ids and aliases mixed',
    code: dockerfile`
      FROM alpine:3.20
      # trivy:ignore:DS-0021, apt-no-install-recommends
      RUN apt-get update && \
          apt-get install curl
    `,
    reported: [],
  },
  {
    name: 'codes without a Dockwright rule are passed over, the others still apply',
    code: dockerfile`
      FROM alpine:3.20
      # hadolint ignore=DL3008,SC2086,DL4000
      MAINTAINER someone
    `,
    reported: [],
  },
  {
    name: 'blank lines and other comments may stand between the comment and the instruction',
    code: dockerfile`
      FROM alpine:3.20
      # dockwright-ignore maintainer-deprecated

      # the author
      MAINTAINER someone
    `,
    reported: [],
  },
  {
    name: 'the prefix and the ids in any case: dockwright',
    code: dockerfile`
      FROM alpine:3.20
      # Dockwright-Ignore Maintainer-Deprecated
      MAINTAINER someone
    `,
    reported: [],
  },
  {
    name: 'the prefix and the ids in any case: hadolint',
    code: dockerfile`
      FROM alpine:3.20
      # HADOLINT IGNORE=dl4000
      MAINTAINER someone
    `,
    reported: [],
  },
  {
    name: 'the prefix and the ids in any case: Trivy',
    code: dockerfile`
      FROM alpine:3.20
      # TRIVY:IGNORE:ds-0022
      MAINTAINER someone
    `,
    reported: [],
  },
  {
    name: '# dockwright-ignore all silences every rule on the next instruction only',
    code: dockerfile`
      FROM alpine:3.20
      # dockwright-ignore all
      RUN apt-get update && \
          apt-get install curl
      WORKDIR app
    `,
    reported: ['workdir-absolute@5'],
  },
  {
    name: '# hadolint ignore=all, in any case',
    code: dockerfile`
      FROM alpine:3.20
      # hadolint ignore=ALL
      RUN apt-get update && \
          apt-get install curl
    `,
    reported: [],
  },
  {
    name: 'a comment with no instruction after it silences nothing',
    code: dockerfile`
      FROM alpine:3.20
      WORKDIR app
      # dockwright-ignore workdir-absolute
    `,
    reported: ['workdir-absolute@2'],
  },
];

const WHOLE_FILE: Case[] = [
  {
    name: '# dockwright-ignore-file <id>, wherever it stands, silences the rule in every stage',
    code: dockerfile`
      FROM alpine:3.20 AS a
      MAINTAINER someone
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
      # dockwright-ignore-file maintainer-deprecated
    `,
    reported: ['workdir-absolute@5'],
  },
  {
    name: '# hadolint global ignore=<codes>',
    code: dockerfile`
      FROM alpine:3.20
      MAINTAINER someone
      # hadolint global ignore=DL3000,DL4000
      WORKDIR app
      RUN apt-get install -y curl
    `,
    reported: ['apt-no-install-recommends@5'],
  },
  {
    name: '# hadolint global ignore=<codes> at the top of the file, where it reads as a parser directive',
    code: dockerfile`
      # hadolint global ignore=DL3000,DL4000
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: [],
  },
  {
    name: '# hadolint global ignore=<codes> after a syntax directive',
    code: dockerfile`
      # syntax=docker/dockerfile:1
      # hadolint global ignore=DL4000
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['workdir-absolute@5'],
  },
  {
    name: "# check=skip=<BuildKit check>, BuildKit's parser directive",
    code: dockerfile`
      # check=skip=WorkdirRelativePath
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['maintainer-deprecated@3'],
  },
  {
    name: '# check=skip=<checks> after a syntax directive, as Docker documents it',
    code: dockerfile`
      # syntax=docker/dockerfile:1
      # check=skip=MaintainerDeprecated,WorkdirRelativePath
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: [],
  },
  {
    name: '# check=skip=all',
    code: dockerfile`
      # check=skip=all
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: [],
  },
  {
    name: '# check=skip=… among other check options, separated by ;',
    code: dockerfile`
      # check=error=true;skip=WorkdirRelativePath
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['maintainer-deprecated@3'],
  },
  {
    // BuildKit's own test (testCopyIgnoredFiles) reports CopyIgnoredFile under skip=all;experimental=…
    name: '# check=skip=all;experimental=<check>: the check named experimental still runs',
    code: dockerfile`
      # check=skip=all;experimental=WorkdirRelativePath
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['workdir-absolute@4'],
  },
  {
    name: '# check=skip=… after a #! line, which BuildKit passes over',
    code: '#!/usr/bin/env -S docker build -f\n# check=skip=WorkdirRelativePath\nFROM alpine:3.20\nWORKDIR app\n',
    reported: [],
  },
  {
    name: '# check=skip=all below an instruction is an ordinary comment',
    code: dockerfile`
      FROM alpine:3.20
      # check=skip=all
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['maintainer-deprecated@3', 'workdir-absolute@4'],
  },
  {
    name: '# check=skip=… after a blank line is an ordinary comment',
    code: '# syntax=docker/dockerfile:1\n\n# check=skip=WorkdirRelativePath\nFROM alpine:3.20\nWORKDIR app\n',
    reported: ['workdir-absolute@5'],
  },
  {
    name: '# check=skip=… after an ordinary comment, or a key BuildKit does not know, is an ordinary comment',
    code: dockerfile`
      # the api image
      # check=skip=MaintainerDeprecated
      # version=2
      # check=skip=WorkdirRelativePath
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['maintainer-deprecated@6', 'workdir-absolute@7'],
  },
  {
    name: 'an indented # check= line is no directive: BuildKit reads them from the first column',
    code: '  # check=skip=WorkdirRelativePath\nFROM alpine:3.20\nWORKDIR app\n',
    reported: ['workdir-absolute@3'],
  },
  {
    name: 'a second # check= directive ends the directives: only the first counts',
    code: dockerfile`
      # check=skip=MaintainerDeprecated
      # check=skip=WorkdirRelativePath
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: ['workdir-absolute@5'],
  },
  {
    name: '# dockwright-ignore-file all',
    code: dockerfile`
      # dockwright-ignore-file all
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
    `,
    reported: [],
  },
  {
    name: '# hadolint global ignore=all',
    code: dockerfile`
      FROM alpine:3.20
      # hadolint global ignore=all
      MAINTAINER someone
      WORKDIR app
    `,
    reported: [],
  },
  {
    name: 'several ids with commas and spaces, ids and aliases mixed',
    code: dockerfile`
      # dockwright-ignore-file workdir-absolute, DL4000 DS-0021
      FROM alpine:3.20
      MAINTAINER someone
      WORKDIR app
      RUN apt-get install curl
    `,
    reported: ['apt-no-install-recommends@5'],
  },
  {
    name: 'the prefix and the ids in any case, and spaces around the directive',
    code: dockerfile`
      #  Check = Skip=WORKDIRRELATIVEPATH
      FROM alpine:3.20
      # HADOLINT GLOBAL IGNORE=dl4000
      MAINTAINER someone
      WORKDIR app
    `,
    reported: [],
  },
];

describe('ignore comments (unit)', () => {
  describe('for the next instruction', () => {
    for (const c of NEXT_INSTRUCTION) it(c.name, () => assert.deepEqual(reported(c.code), c.reported, c.code));
  });

  describe('for the whole file', () => {
    for (const c of WHOLE_FILE) it(c.name, () => assert.deepEqual(reported(c.code), c.reported, c.code));
  });

  describe('ignoreCommentEdit', () => {
    /** The text with the ignore comment Dockwright writes for the finding of `rule`. */
    function ignored(text: string, rule: string): string {
      const finding = lint(text, { rules }).find((d) => d.rule === rule);
      assert.ok(finding, `${rule} did not fire`);
      return applyEdits(text, [ignoreCommentEdit(parseDockerfile(text), rule, finding.range)]);
    }

    it('writes # dockwright-ignore <id> above the instruction, indented like it, and lint() leaves the finding out', () => {
      const fixed = ignored('FROM alpine:3.20\n  MAINTAINER someone\n\tWORKDIR app\n', 'maintainer-deprecated');
      assert.equal(
        fixed,
        'FROM alpine:3.20\n  # dockwright-ignore maintainer-deprecated\n  MAINTAINER someone\n\tWORKDIR app\n',
      );
      assert.deepEqual(reported(fixed), ['workdir-absolute@4']);
      const tabbed = ignored(fixed, 'workdir-absolute');
      assert.equal(
        tabbed,
        'FROM alpine:3.20\n  # dockwright-ignore maintainer-deprecated\n  MAINTAINER someone\n\t# dockwright-ignore workdir-absolute\n\tWORKDIR app\n',
      );
      assert.deepEqual(reported(tabbed), []);
    });

    it('writes it on the first line of a multi-line instruction when the finding is on a later one', () => {
      const text = 'FROM alpine:3.20\nRUN apt-get update && \\\n    apt-get install curl\n';
      const fixed = ignored(text, 'apt-get-yes');
      assert.equal(
        fixed,
        'FROM alpine:3.20\n# dockwright-ignore apt-get-yes\nRUN apt-get update && \\\n    apt-get install curl\n',
      );
      assert.deepEqual(reported(fixed), ['apt-no-install-recommends@4']);
    });

    it('ends the comment with the line break of the file', () => {
      const fixed = ignored('FROM alpine:3.20\r\nMAINTAINER someone\r\nWORKDIR app\r\n', 'maintainer-deprecated');
      assert.equal(
        fixed,
        'FROM alpine:3.20\r\n# dockwright-ignore maintainer-deprecated\r\nMAINTAINER someone\r\nWORKDIR app\r\n',
      );
      assert.deepEqual(reported(fixed), ['workdir-absolute@4']);
    });
  });
});

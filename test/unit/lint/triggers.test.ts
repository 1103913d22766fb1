// ONBUILD triggers, linted as the instruction they wrap is, where a child build runs them: after
// the image's last USER and SHELL, with positions and fixes inside the ONBUILD line.
import assert from 'node:assert/strict';
import { lint } from '../../../src/core/lint/lint';
import { allRules } from '../../../src/core/rules';
import { TRIGGER_RULES } from '../../../src/core/lint/triggers';
import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('sudo', {
  valid: [
    { name: 'a trigger BuildKit refuses is not read', code: 'FROM debian:12\nONBUILD ONBUILD RUN sudo make\n' },
    {
      name: 'an ignore comment above the ONBUILD',
      code: 'FROM debian:12\n# hadolint ignore=DL3004\nONBUILD RUN sudo make\n',
    },
  ],
  invalid: [
    {
      name: 'ONBUILD RUN sudo …: reported inside the ONBUILD line, fixed there',
      code: 'FROM debian:12\nONBUILD RUN sudo make install\n',
      findings: [{ line: 2, column: 13, text: 'sudo' }],
      output: 'FROM debian:12\nONBUILD RUN make install\n',
    },
    {
      name: "the trigger runs as the image's last USER, though that USER comes after it: no fix outside the trigger",
      code: 'FROM debian:12\nONBUILD RUN sudo make install\nUSER app\n',
      message: /switch with USER root/,
      output: null,
    },
    {
      name: "in an exec form's sh -c script, in a stage that is not the last",
      code: 'FROM debian:12 AS base\nONBUILD RUN ["sh", "-c", "sudo make"]\nFROM base\n',
      findings: [{ line: 2, text: 'sudo' }],
      output: 'FROM debian:12 AS base\nONBUILD RUN ["sh", "-c", "make"]\nFROM base\n',
    },
  ],
});

ruleTester.run('apt-get-yes', {
  valid: ['FROM debian:12\nONBUILD RUN apt-get install -y curl\n'],
  invalid: [
    {
      name: 'a trigger continued over lines, in lower case',
      code: 'FROM debian:12\nonbuild RUN apt-get update && \\\n    apt-get install curl\n',
      findings: [{ line: 3, column: 5 }],
      output: 'FROM debian:12\nonbuild RUN apt-get update && \\\n    apt-get install -y curl\n',
    },
  ],
});

describe('ONBUILD triggers (unit)', () => {
  it("leaves the stage's rules and the child's context alone: only the instruction-level rules read triggers", () => {
    const text = dockerfile`
      FROM node:22-slim
      ONBUILD COPY --from=assets /dist /app/dist
      ONBUILD ARG VERSION
      ONBUILD RUN echo $UNDECLARED
      ONBUILD RUN npm ci
      ONBUILD COPY . .
      USER node
      CMD ["node", "app.js"]
    `;
    const rules = Object.fromEntries(allRules.map((r) => [r.id, 'warning' as const]));
    const onTriggers = lint(text, { rules }).filter((d) => d.range.start.line >= 1 && d.range.start.line <= 5);
    assert.deepEqual(
      onTriggers.filter((d) => !TRIGGER_RULES.has(d.rule)).map((d) => `${d.rule}@${d.range.start.line + 1}`),
      [],
    );
  });

  it('reads nothing when the rule is off', () => {
    assert.deepEqual(
      lint('FROM debian:12\nONBUILD RUN sudo make\n', { rules: { sudo: 'off' } }).filter((d) => d.rule === 'sudo'),
      [],
    );
  });
});

// Rules whose work grew with the square of the Dockerfile (issue 13, item 20, and the rest of its
// class): each goes over its input about once, counted by reads of the model's lists.
import assert from 'node:assert/strict';
import { allRules } from '../../../src/core/rules';
import { instructionReads } from '../../support/instructionReads';

const cases: { rule: string; what: string; text: (n: number) => string }[] = [
  {
    rule: 'json-args',
    what: 'a CMD in each of a chain of stages, each built on the one before',
    text: (n) =>
      `FROM alpine:3.20 AS s0\n${Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN true\nCMD echo ${i}\n`).join('')}`,
  },
  {
    rule: 'json-args',
    what: 'many CMDs in one stage',
    text: (n) => `FROM alpine:3.20\nWORKDIR /app\n${'RUN true\nCMD echo hi\n'.repeat(n)}`,
  },
  {
    rule: 'secret-file-copy',
    what: 'a private key copied before each of many RUNs',
    text: (n) => `FROM alpine:3.20\nWORKDIR /app\n${'COPY id_rsa .npmrc ./\nRUN make\n'.repeat(n)}`,
  },
  {
    rule: 'cache-mount',
    what: 'an install in each of a chain of stages (each asks for the image at the bottom)',
    text: (n) =>
      `FROM debian:12 AS s0\n${Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN npm ci\n`).join('')}`,
  },
  {
    rule: 'apt-lists-cleanup',
    what: 'an apt install in each of a chain of stages (each asks whether it reaches the image)',
    text: (n) =>
      `FROM debian:12 AS s0\n${Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN apt-get update && apt-get install -y curl\n`).join('')}`,
  },
];

describe('rules read a Dockerfile about once, not once for each instruction in it', () => {
  for (const { rule, what, text } of cases) {
    it(`${rule}: ${what}`, () => {
      const r = allRules.find((x) => x.id === rule)!;
      const small = instructionReads(r, text(250));
      const large = instructionReads(r, text(1000));
      assert.ok(large.findings > 0, 'the rule reports something');
      // four times the input, about four times the reads (quadratic would be sixteen)
      assert.ok(
        large.reads <= 4.5 * small.reads,
        `${small.reads} reads for ${small.instructions} instructions, ${large.reads} for ${large.instructions}`,
      );
    });
  }
});

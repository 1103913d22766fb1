import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { imageFamily } from '../../../../src/core/rules/support/baseImage';

/** The family of the last stage of a Dockerfile whose image says nothing about it. */
function family(text: string): string {
  const model = parseDockerfile(text);
  return imageFamily(model, model.stages[model.stages.length - 1]);
}

describe('imageFamily from the package managers RUNs use, decided on parsed commands (unit)', () => {
  // [RUN lines after FROM myorg/base:1, the family]
  const CASES: [string, string][] = [
    ['RUN apk add --no-cache curl', 'alpine'],
    ['RUN "apk" add curl', 'alpine'],
    ['RUN sudo apk add curl', 'alpine'],
    ['RUN apt-get update', 'debian'],
    ['RUN sudo -E apt install -y curl', 'debian'],
    ['RUN yum install -y curl', 'rhel'],
    ['RUN microdnf install -y curl', 'rhel'],
    ['RUN apt-get update\nRUN apk add curl', 'alpine'],
    ['RUN dnf install -y x && apt-get update', 'debian'],
    // mentions that run nothing
    ['RUN echo "apk add curl" > notes.txt', 'unknown'],
    ['RUN apk info', 'unknown'],
    ['RUN echo apt is the package manager', 'unknown'],
    ['RUN cat yum.conf dnf.log', 'unknown'],
    ['RUN true \\\n# apk add curl, apt-get update and yum were here\n  && ls', 'unknown'],
    // exec form runs the program, or a shell's -c script
    ['RUN ["apk", "add", "curl"]', 'alpine'],
    ['RUN ["/bin/sh", "-c", "apt-get update"]', 'debian'],
    ['RUN ["echo", "apk add curl"]', 'unknown'],
  ];
  for (const [runs, expected] of CASES) {
    it(`${JSON.stringify(runs)} → ${expected}`, () => {
      assert.equal(family(`FROM myorg/base:1\n${runs}\n`), expected);
    });
  }

  it('reads the RUNs of the stages the stage builds on, and trusts the image reference first', () => {
    assert.equal(family('FROM myorg/base:1 AS base\nRUN apk add curl\nFROM base\nRUN echo hi\n'), 'alpine');
    assert.equal(family('FROM debian:12\nRUN apk add curl\n'), 'debian');
  });
});

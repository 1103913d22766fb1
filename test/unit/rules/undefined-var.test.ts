import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, roundTrip } from '../../support/ruleHarness';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/undefined-var', name), 'utf8');
const names = (text: string) => findings(text, 'undefined-var').map((f) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character));

describe('undefined-var (unit)', () => {
  it('fires on a global ARG used in a stage without re-declaring it', () => {
    const [d, ...rest] = findings(fixture('input.Dockerfile'), 'undefined-var');
    assert.equal(rest.length, 0);
    assert.equal(d.range.start.line, 7);
    assert.match(d.message, /declared before FROM/);
  });

  it('fires in FROM on a name that is no global ARG', () => {
    assert.deepEqual(names('FROM node:${VERSION}\nFROM alpine:3.20 AS a\nARG BASE=x\nFROM $BASE\n'), ['${VERSION}', '$BASE']);
  });

  it('fires on an ARG used before its declaration, one from another stage, and a platform ARG not declared in the stage', () => {
    const text = 'FROM alpine:3.20 AS a\nENV X=1\nFROM alpine:3.20\nWORKDIR /$APP\nARG APP=web\nENV Y=$X\nCOPY bin/$TARGETARCH/app /app\n';
    assert.deepEqual(names(text), ['$APP', '$X', '$TARGETARCH']);
  });

  it('fires on a global ARG that uses one declared after it', () => {
    assert.deepEqual(names('ARG IMAGE=golang:$GO\nARG GO=1.22\nFROM $IMAGE\n'), ['$GO']);
  });

  it('fires on a name nothing declares when the base image is known', () => {
    assert.deepEqual(names('FROM alpine:3.20\nUSER $APP_USER\n'), ['$APP_USER']);
    assert.deepEqual(names('FROM scratch\nEXPOSE ${PORT}\n'), ['${PORT}']);
  });

  it('is silent where the builder does not expand, or the variable is in scope', () => {
    const silent = [
      // shells expand these
      'FROM alpine:3.20\nRUN echo $NOPE\nCMD echo $NOPE\nENTRYPOINT ["sh", "-c", "$NOPE"]\nHEALTHCHECK CMD wget -q http://localhost:$NOPE/\n',
      // global ARG in FROM, re-declared in the stage, predefined platform ARGs in FROM
      'ARG TAG=3.20\nFROM --platform=$BUILDPLATFORM alpine:$TAG\nARG TAG\nLABEL tag=$TAG\n',
      // ENV and ARG in scope, also inherited from a base stage
      'FROM alpine:3.20 AS base\nENV APP=/srv\nARG USERNAME=app\nFROM base\nWORKDIR $APP\nUSER ${USERNAME}\n',
      // platform ARGs declared, PATH and proxies, an escaped $, single quotes, ${X:-default}
      'FROM alpine:3.20\nARG TARGETARCH\nCOPY bin/$TARGETARCH /bin\nENV PATH=$PATH:/opt/bin\nENV A=$HTTP_PROXY B=$no_proxy\nLABEL price=\\$5 note=\'$HOME\'\nWORKDIR ${DIR:-/srv}\n',
      // the base image sets it
      'FROM golang:1.22\nENV GOBIN=$GOPATH/bin\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\n',
      // an image whose ENV is unknown may set it
      'FROM ghcr.io/acme/base:1\nWORKDIR $APP_HOME\n',
      // global ARGs may use earlier global ARGs and the platform ARGs
      'ARG GO=1.22\nARG IMAGE=golang:${GO}-$BUILDOS\nFROM $IMAGE\n',
      // declarations with quotes, continuations, several names, and the old `ENV NAME value` form
      'FROM alpine:3.20\nENV A="x y" \\\n  B=2\nENV LEGACY some value\nARG D E=1 F="a b"\nLABEL a=$A b=$B l=$LEGACY d=$D e=$E f=$F\n',
      // ENV extending itself
      'FROM alpine:3.20\nENV LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/opt/lib\n',
      // ONBUILD runs in another build
      'FROM alpine:3.20\nONBUILD COPY . $SRC\n',
    ];
    for (const text of silent) assert.deepEqual(names(text), [], text);
  });

  it('fixes by declaring the ARG after the stage\'s FROM', () => {
    assert.equal(roundTrip(fixture('input.Dockerfile'), 'undefined-var'), fixture('fixed.Dockerfile'));
  });

  it('fixes a FROM variable by declaring a global ARG, and a FROM on the last line', () => {
    assert.equal(roundTrip('# base image\nFROM node:${VERSION}\n', 'undefined-var'), '# base image\nARG VERSION\nFROM node:${VERSION}\n');
    assert.equal(roundTrip('FROM alpine:3.20\nLABEL a=$B', 'undefined-var'), 'FROM alpine:3.20\nARG B\nLABEL a=$B');
    assert.equal(roundTrip('FROM alpine:3.20 AS x\nFROM x\nCOPY . $DEST', 'undefined-var'), 'FROM alpine:3.20 AS x\nFROM x\nARG DEST\nCOPY . $DEST');
  });
});

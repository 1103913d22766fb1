import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('undefined-var', {
  valid: [
    {
      name: 'shells expand these',
      code: 'FROM alpine:3.20\nRUN echo $NOPE\nCMD echo $NOPE\nENTRYPOINT ["sh", "-c", "$NOPE"]\nHEALTHCHECK CMD wget -q http://localhost:$NOPE/\n',
    },
    {
      name: 'global ARG in FROM, re-declared in the stage, predefined platform ARGs in FROM',
      code: 'ARG TAG=3.20\nFROM --platform=$BUILDPLATFORM alpine:$TAG\nARG TAG\nLABEL tag=$TAG\n',
    },
    {
      name: 'ENV and ARG in scope, also inherited from a base stage',
      code: 'FROM alpine:3.20 AS base\nENV APP=/srv\nARG USERNAME=app\nFROM base\nWORKDIR $APP\nUSER ${USERNAME}\n',
    },
    {
      name: 'platform ARGs declared, PATH and proxies, an escaped $, single quotes, ${X:-default}',
      code: "FROM alpine:3.20\nARG TARGETARCH\nCOPY bin/$TARGETARCH /bin\nENV PATH=$PATH:/opt/bin\nENV A=$HTTP_PROXY B=$no_proxy\nLABEL price=\\$5 note='$HOME'\nWORKDIR ${DIR:-/srv}\n",
    },
    {
      name: 'the base image sets it',
      code: 'FROM golang:1.22\nENV GOBIN=$GOPATH/bin\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\n',
    },
    { name: 'an image whose ENV is unknown may set it', code: 'FROM ghcr.io/acme/base:1\nWORKDIR $APP_HOME\n' },
    {
      name: 'global ARGs may use earlier global ARGs and the platform ARGs',
      code: 'ARG GO=1.22\nARG IMAGE=golang:${GO}-$BUILDOS\nFROM $IMAGE\n',
    },
    {
      name: 'declarations with quotes, continuations, several names, and the old `ENV NAME value` form',
      code: 'FROM alpine:3.20\nENV A="x y" \\\n  B=2\nENV LEGACY some value\nARG D E=1 F="a b"\nLABEL a=$A b=$B l=$LEGACY d=$D e=$E f=$F\n',
    },
    { name: 'ENV extending itself', code: 'FROM alpine:3.20\nENV LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/opt/lib\n' },
    { name: 'ONBUILD runs in another build', code: 'FROM alpine:3.20\nONBUILD COPY . $SRC\n' },
  ],
  invalid: [
    {
      name: 'a global ARG used in a stage without re-declaring it; fixed by declaring the ARG after the stage’s FROM',
      code: fixture('undefined-var', 'input.Dockerfile'),
      line: 8,
      message: /declared before FROM/,
      output: fixture('undefined-var', 'fixed.Dockerfile'),
    },
    {
      name: 'in FROM, a name that is no global ARG',
      code: 'FROM node:${VERSION}\nFROM alpine:3.20 AS a\nARG BASE=x\nFROM $BASE\n',
      findings: [{ text: '${VERSION}' }, { text: '$BASE' }],
    },
    {
      name: 'an ARG used before its declaration, one from another stage, and a platform ARG not declared in the stage',
      code: 'FROM alpine:3.20 AS a\nENV X=1\nFROM alpine:3.20\nWORKDIR /$APP\nARG APP=web\nENV Y=$X\nCOPY bin/$TARGETARCH/app /app\n',
      findings: [{ text: '$APP' }, { text: '$X' }, { text: '$TARGETARCH' }],
    },
    {
      name: 'a global ARG that uses one declared after it',
      code: 'ARG IMAGE=golang:$GO\nARG GO=1.22\nFROM $IMAGE\n',
      findings: [{ text: '$GO' }],
    },
    {
      name: 'a name nothing declares when the base image is known: alpine',
      code: 'FROM alpine:3.20\nUSER $APP_USER\n',
      findings: [{ text: '$APP_USER' }],
    },
    {
      name: 'a name nothing declares when the base image is known: scratch',
      code: 'FROM scratch\nEXPOSE ${PORT}\n',
      findings: [{ text: '${PORT}' }],
    },
    {
      name: 'fixes a FROM variable by declaring a global ARG',
      code: '# base image\nFROM node:${VERSION}\n',
      output: '# base image\nARG VERSION\nFROM node:${VERSION}\n',
    },
    {
      name: 'fixes on the last line, with no line break',
      code: 'FROM alpine:3.20\nLABEL a=$B',
      output: 'FROM alpine:3.20\nARG B\nLABEL a=$B',
    },
    {
      name: 'fixes in a stage built on another, on the last line',
      code: 'FROM alpine:3.20 AS x\nFROM x\nCOPY . $DEST',
      output: 'FROM alpine:3.20 AS x\nFROM x\nARG DEST\nCOPY . $DEST',
    },
  ],
});

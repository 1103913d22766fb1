import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/lint/fix';
import { findings } from '../../support/ruleHarness';
import { fixture as ruleFixture, ruleTester } from '../../support/ruleTester';

const fixture = (name: string) => ruleFixture('prefer-multi-stage', name);
const DIGEST = `sha256:${'a'.repeat(64)}`;

ruleTester.run('prefer-multi-stage', {
  valid: [
    {
      name: 'more than one stage: one built on the other',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM build\nCMD ["/app"]\n',
    },
    {
      name: 'more than one stage: a build and a runtime stage',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
    },
    {
      name: 'the toolchain is the point of the image: go install',
      code: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n',
    },
    {
      name: 'the toolchain is the point of the image: npm ci and start',
      code: 'FROM node:20\nRUN npm ci\nCMD ["npm", "start"]\n',
    },
    {
      name: 'the toolchain is the point of the image: compilers installed, nothing built',
      code: 'FROM debian:12-slim\nRUN apt-get install -y gcc libc6-dev\n',
    },
    {
      name: 'the compilers are removed again by virtual package',
      code: 'FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc make && make && apk del .build-deps\n',
    },
    {
      name: 'the compilers are removed again by name and autoremove',
      code: 'FROM debian:12\nRUN apt-get install -y gcc make && make && apt-get purge -y --auto-remove gcc make\n',
    },
  ],
  invalid: [
    ...[
      'FROM golang:1.22\nRUN go build -o /app .\n',
      'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -o /out\n',
      'FROM maven:3.9-eclipse-temurin-21\nRUN mvn package\n',
      'FROM rust:1.80\nRUN cargo build --release\n',
      'FROM node:20\nRUN npm run build\n',
      'FROM golang:1.22\nRUN "go" build -o /app .\n',
      'FROM maven:3.9-eclipse-temurin-21\nRUN ./mvnw package\n',
      'FROM gradle:8.10\nRUN ./gradlew build\n',
      'FROM rust:1.80\nRUN <<EOF\nset -e\ncargo build --release\nEOF\n',
    ].map((code) => ({
      name: `a single stage that builds with an SDK image, on its FROM: ${JSON.stringify(code)}`,
      code,
      findings: [{ line: 1, severity: 'info' as const }],
    })),
    {
      name: 'compilers are installed, used and kept',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*\nRUN make install\n',
      count: 1,
    },
    {
      name: 'scaffolds the Go case as FIX-EXAMPLES.md shows',
      code: fixture('go-input.Dockerfile'),
      output: fixture('go-fixed.Dockerfile'),
    },
    {
      name: 'scaffolds .NET with the aspnet runtime and the publish output',
      code: fixture('dotnet-input.Dockerfile'),
      output: fixture('dotnet-fixed.Dockerfile'),
    },
    {
      name: 'scaffolds Node with the slim image',
      code: fixture('node-input.Dockerfile'),
      output: fixture('node-fixed.Dockerfile'),
    },
    {
      name: 'adds a placeholder COPY when the output cannot be named, and keeps an existing stage name',
      code: 'FROM golang:1.22 AS compile\nWORKDIR /src\nCOPY . .\nRUN go build ./...\nENTRYPOINT ["/src/server"]\n',
      output:
        'FROM golang:1.22 AS compile\nWORKDIR /src\nCOPY . .\nRUN go build ./...\n\nFROM gcr.io/distroless/static-debian12:nonroot\n# Copy only what the app needs at run time from the build stage:\nCOPY --from=compile /src /src\nENTRYPOINT ["/src/server"]\n',
    },
    {
      name: 'resolves a relative -o against WORKDIR and keeps CRLF',
      code: 'FROM golang:1.22\r\nWORKDIR /src\r\nRUN go build -o bin/app .\r\n',
      output:
        'FROM golang:1.22 AS build\r\nWORKDIR /src\r\nRUN CGO_ENABLED=0 go build -o bin/app .\r\n\r\nFROM gcr.io/distroless/static-debian12:nonroot\r\nCOPY --from=build /src/bin/app /src/bin/app\r\n',
    },
    // the runtime stage the scaffold writes is one the other rules accept: they are raised to
    // warning here, so that the round trip sees a finding the fix would add
    ...[
      ['rust:1.80-alpine3.20', 'alpine:3.20'],
      ['rust:1.80-alpine', 'alpine:3'],
      ['rust:1-trixie', 'debian:trixie-slim'],
      ['rust:1.80', 'debian:bookworm-slim'],
    ].map(([build, runtime]) => ({
      name: `runs a Rust build from a pinned image of its distribution release: ${build}`,
      code: `FROM ${build}\nRUN cargo build --release\n`,
      output: new RegExp(`\nFROM ${runtime.replace(/\./g, '\\.')}\n`),
    })),
    {
      name: 'keeps the digest of the build image it runs from again',
      code: `FROM alpine:3.20@${DIGEST}\nRUN apk add --no-cache build-base\nRUN make install\nCMD ["app"]\n`,
      options: { rules: { 'pin-digest': 'warning' as const } },
      output: new RegExp(`\nFROM alpine:3\\.20@${DIGEST}\n`),
    },
    {
      name: 'runs as a non-root user where the build stage did, in a user made for the runtime image',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache build-base\nRUN adduser -S user && make install\nUSER user\nCMD ["app"]\n',
      output:
        'FROM alpine:3.20 AS build\nRUN apk add --no-cache build-base\nRUN adduser -S user && make install\nUSER user\n\nFROM alpine:3.20\n# Copy only what the app needs at run time from the build stage:\nCOPY --from=build /app /app\nRUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app -H app\nUSER app\nCMD ["app"]\n',
    },
    {
      name: 'carries into the moved install the cache mount its cleanup made pointless',
      code: fixture('compilers-input.Dockerfile'),
      options: { rules: { 'cache-mount': 'warning' as const } },
      output: fixture('compilers-fixed.Dockerfile'),
    },
    {
      name: 'offers no scaffold on a Windows image (its runtime images are Linux ones)',
      code: 'FROM golang:1.22-windowsservercore-ltsc2022\nWORKDIR C:/src\nRUN go build -o /out/app.exe .\n',
      output: null,
    },
    {
      name: 'under a SHELL that is not POSIX, leaves the go build RUN alone (no CGO_ENABLED=0 prefix)',
      code: 'FROM golang:1.22\nSHELL ["pwsh", "-Command"]\nWORKDIR /src\nRUN go build -o /out/app .\n',
      output:
        /^FROM golang:1\.22 AS build\nSHELL \["pwsh", "-Command"\]\nWORKDIR \/src\nRUN go build -o \/out\/app \.\n/,
    },
  ],
});

describe('prefer-multi-stage (unit)', () => {
  it('offers a fix that is not safe', () => {
    assert.equal(findings(fixture('go-input.Dockerfile'), 'prefer-multi-stage')[0].fixes[0].safe, false);
  });

  it("leaves pin-digest's finding on a new runtime image: its digest is the registry's (EXPECTED_ADDS)", () => {
    const text = fixture('go-input.Dockerfile');
    const fixed = applyEdits(text, findings(text, 'prefer-multi-stage')[0].fixes[0].edits);
    assert.deepEqual(
      findings(fixed, 'pin-digest').map((d) => d.range.start.line + 1),
      [1, 6],
    );
  });
});

describe('prefer-multi-stage decided on parsed commands (unit)', () => {
  const fires = (text: string) => findings(text, 'prefer-multi-stage').length === 1;
  const edits = (text: string) => findings(text, 'prefer-multi-stage')[0].fixes[0].edits.map((e) => e.newText);

  it('sees a Node build script run by npm, yarn or pnpm, options before it too', () => {
    assert.ok(fires('FROM node:20\nRUN npm --prefix web run build\n'));
    assert.ok(fires('FROM node:20\nRUN npm run-script build:prod\n'));
    assert.ok(fires('FROM node:20\nRUN yarn --cwd web build\n'));
    assert.ok(fires('FROM node:20\nRUN pnpm run build\n'));
  });

  it('does not take a mention of a Node build for one', () => {
    assert.ok(!fires('FROM node:20\nRUN echo "npm run build" > notes.txt\nCMD ["node", "s.js"]\n'));
    assert.ok(!fires('FROM node:20\nRUN npm ci \\\n# npm run build happens in CI\n  --omit=dev\n'));
    assert.ok(!fires('FROM node:20\nRUN npm run test\n'));
  });

  it('reads compiler packages from install operands: g++ alone, pinned, through sudo', () => {
    assert.ok(fires('FROM debian:12-slim\nRUN apt-get install -y g++\nRUN make\n'));
    assert.ok(fires('FROM debian:12-slim\nRUN apt-get install -y gcc=4:12.2.0-3\nRUN gcc -o /app app.c\n'));
    assert.ok(fires('FROM debian:12-slim\nRUN sudo apt-get install -y make\nRUN sudo make install\n'));
    assert.ok(!fires('FROM debian:12-slim\nRUN apt-get install -y gcc\nRUN cat make.log\n'));
    assert.ok(!fires('FROM debian:12-slim\nRUN echo "apt-get install gcc" > notes.txt && make\n'));
  });

  it('sees compilers removed with yum erase', () => {
    assert.ok(!fires('FROM centos:7\nRUN yum install -y gcc make && make && yum erase -y gcc make\n'));
  });

  it('reads CGO_ENABLED from ENV names, not from any ENV text', () => {
    const go = 'FROM golang:1.22\nWORKDIR /src\nRUN go build -o /app .\n';
    assert.ok(edits(go.replace('WORKDIR', 'ENV NOTE="set CGO_ENABLED yourself"\nWORKDIR')).includes('CGO_ENABLED=0 '));
    assert.ok(!edits(go.replace('WORKDIR', 'ENV CGO_ENABLED 0\nWORKDIR')).includes('CGO_ENABLED=0 '));
    assert.ok(!edits(go.replace('WORKDIR', 'ENV GOOS=linux CGO_ENABLED=0\nWORKDIR')).includes('CGO_ENABLED=0 '));
  });

  it('finds the go build output however the program name is quoted', () => {
    assert.ok(
      edits("FROM golang:1.22\nRUN g'o' build -o /bin/server .\n").some((t) =>
        t.includes('COPY --from=build /bin/server /bin/server'),
      ),
    );
  });
});

import assert from 'node:assert/strict';
import { lint } from '../../../src/core/lint/lint';
import { findings, roundTrip } from '../../support/ruleHarness';
import { ruleTester } from '../../support/ruleTester';

const offered = (text: string) => findings(text, 'minimal-base-image').flatMap((f) => f.fixes.map((x) => x.title));

ruleTester.run('minimal-base-image', {
  valid: [
    ...[
      'node:20-slim',
      'python:3.12-alpine',
      'debian:bookworm-slim',
      'gcr.io/distroless/static-debian12',
      'scratch',
      'mcr.microsoft.com/dotnet/aspnet:8.0',
      'eclipse-temurin:21-jre',
      'openjdk:17-jre',
      'nginx:1.27',
    ].map((base) => ({
      name: `slim, alpine, distroless, scratch and runtime-only images: ${base}`,
      code: `FROM ${base}\nCOPY app /app\n`,
    })),
    ...[
      'FROM golang:1.22\nRUN go build -o /app .\n',
      'FROM node:20\nRUN npm ci && npm run build\n',
      'FROM ubuntu:24.04\nRUN apt-get install -y gcc make && make\n',
    ].map((code) => ({
      name: `a single stage that keeps its build toolchain: prefer-multi-stage says it for that FROM: ${code.split('\n')[0]}`,
      code,
    })),
    {
      name: 'judges only the final stage',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
    },
  ],
  invalid: [
    ...[
      'ubuntu:24.04',
      'debian:12',
      'centos:7',
      'fedora:40',
      'node:20',
      'python:3.12',
      'node:20-bookworm',
      'golang:1.22',
      'mcr.microsoft.com/dotnet/sdk:8.0',
      'maven:3.9-eclipse-temurin-17',
      'openjdk:17',
    ].map((base) => ({
      name: `full distributions and SDK images in the final stage, on the image: ${base}`,
      code: `FROM ${base}\nCOPY app /app\n`,
      findings: [{ column: 6 }],
    })),
    {
      name: 'judges the target',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
      options: { target: 'build' },
      count: 1,
    },
    {
      name: 'replaces with the matching slim image',
      code: 'FROM node:20\nCMD ["node"]\n',
      fixes: ['Use node:20-slim'],
    },
    {
      name: 'replaces an untagged image with its slim tag',
      code: 'FROM python\nCMD ["python"]\n',
      fixes: ['Use python:slim'],
    },
    {
      name: 'replaces debian:latest with stable-slim',
      code: 'FROM debian:latest\nCMD ["bash"]\n',
      fixes: ['Use debian:stable-slim'],
    },
    {
      name: 'replaces openjdk with the Temurin JRE',
      code: 'FROM openjdk:17\nCOPY app.jar /\n',
      fixes: ['Use eclipse-temurin:17-jre'],
    },
    {
      name: 'replaces the .NET SDK with aspnet first when the image EXPOSEs a port',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0.100-alpine\nCOPY out /app\nEXPOSE 8080\n',
      fixes: ['Use mcr.microsoft.com/dotnet/aspnet:8.0-alpine', 'Use mcr.microsoft.com/dotnet/runtime:8.0-alpine'],
    },
    {
      name: 'replaces the .NET SDK with runtime first otherwise',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY out /app\n',
      fixes: ['Use mcr.microsoft.com/dotnet/runtime:8.0', 'Use mcr.microsoft.com/dotnet/aspnet:8.0'],
    },
    {
      name: 'replaces golang with distroless static',
      code: 'FROM golang:1.22\nCOPY app /app\n',
      fixes: ['Use gcr.io/distroless/static-debian12'],
    },
    {
      name: 'offers no replacement that would break a RUN needing the Go toolchain',
      code: 'FROM alpine:3.20 AS tools\nFROM golang:1.22\nRUN go build -o /app .\n',
      fixes: [],
    },
    {
      name: 'offers no replacement that would break a RUN needing the .NET SDK',
      code: 'FROM alpine:3.20 AS tools\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -o /out\n',
      fixes: [],
    },
    { name: 'offers no replacement for ubuntu', code: 'FROM ubuntu:24.04\nCMD ["bash"]\n', fixes: [] },
  ],
});

describe('minimal-base-image (unit)', () => {
  it('fixes by replacing only the image, keeping AS and flags, and is not safe', () => {
    const text = 'FROM --platform=$BUILDPLATFORM node:20 AS app\nCMD ["node"]\n';
    assert.equal(
      roundTrip(text, 'minimal-base-image'),
      'FROM --platform=$BUILDPLATFORM node:20-slim AS app\nCMD ["node"]\n',
    );
    assert.equal(findings(text, 'minimal-base-image')[0].fixes[0].safe, false);
  });
});

describe('minimal-base-image toolchain use decided on parsed commands (unit)', () => {
  it('keeps the toolchain for a RUN that runs it, through wrappers and wrapper scripts', () => {
    assert.deepEqual(offered('FROM golang:1.22\nRUN CGO_ENABLED=0 /usr/local/go/bin/go build -o /app .\n'), []);
    assert.deepEqual(offered('FROM maven:3.9-eclipse-temurin-17\nRUN ./mvnw -B package\n'), []);
    assert.deepEqual(offered('FROM openjdk:17\nRUN sudo javac Main.java\n'), []);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet tool install -g dotnet-ef\n'), []);
  });

  it('offers the smaller image when a RUN only mentions the toolchain', () => {
    assert.deepEqual(offered('FROM golang:1.22\nRUN echo "ready to go now" > /etc/motd\n'), [
      'Use gcr.io/distroless/static-debian12',
    ]);
    assert.deepEqual(offered('FROM golang:1.22\nRUN cat go \\\n# go build is done elsewhere\n  /etc/motd\n'), [
      'Use gcr.io/distroless/static-debian12',
    ]);
    assert.deepEqual(offered('FROM openjdk:17\nRUN java -jar /app/migrate.jar\n'), ['Use eclipse-temurin:17-jre']);
    assert.deepEqual(offered('FROM openjdk:17\nRUN echo "mvn package" >> /notes\n'), ['Use eclipse-temurin:17-jre']);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN echo "dotnet publish" > /notes\n'), [
      'Use mcr.microsoft.com/dotnet/runtime:8.0',
      'Use mcr.microsoft.com/dotnet/aspnet:8.0',
    ]);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet --info\n'), [
      'Use mcr.microsoft.com/dotnet/runtime:8.0',
      'Use mcr.microsoft.com/dotnet/aspnet:8.0',
    ]);
  });
});

describe('minimal-base-image beside prefer-multi-stage (unit)', () => {
  it('a single-stage image that keeps its toolchain gets one finding on its FROM, not two', () => {
    const text = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';
    const both = lint(text, { rules: { 'minimal-base-image': 'info', 'prefer-multi-stage': 'info' } }).filter((d) =>
      ['minimal-base-image', 'prefer-multi-stage'].includes(d.rule),
    );
    assert.deepEqual(
      both.map((d) => d.rule),
      ['prefer-multi-stage'],
    );
  });
});

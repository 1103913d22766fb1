import assert from 'node:assert/strict';
import { findings, roundTrip } from '../../support/ruleHarness';

const offered = (text: string) => findings(text, 'minimal-base-image').flatMap((f) => f.fixes.map((x) => x.title));

describe('minimal-base-image (unit)', () => {
  it('fires on full distributions and SDK images in the final stage, on the image', () => {
    for (const base of ['ubuntu:24.04', 'debian:12', 'centos:7', 'fedora:40', 'node:20', 'python:3.12', 'node:20-bookworm', 'golang:1.22', 'mcr.microsoft.com/dotnet/sdk:8.0', 'maven:3.9-eclipse-temurin-17', 'openjdk:17']) {
      const found = findings(`FROM ${base}\nCOPY app /app\n`, 'minimal-base-image');
      assert.equal(found.length, 1, base);
      assert.equal(found[0].range.start.character, 5, base);
    }
  });

  it('is silent on slim, alpine, distroless, scratch and runtime-only images', () => {
    for (const base of ['node:20-slim', 'python:3.12-alpine', 'debian:bookworm-slim', 'gcr.io/distroless/static-debian12', 'scratch', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'eclipse-temurin:21-jre', 'openjdk:17-jre', 'nginx:1.27']) {
      assert.deepEqual(findings(`FROM ${base}\nCOPY app /app\n`, 'minimal-base-image'), [], base);
    }
  });

  it('judges only the final stage (or the target)', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n';
    assert.deepEqual(findings(text, 'minimal-base-image'), []);
    assert.equal(findings(text, 'minimal-base-image', { target: 'build' }).length, 1);
  });

  it('replaces with the matching slim or runtime image', () => {
    assert.deepEqual(offered('FROM node:20\nCMD ["node"]\n'), ['Use node:20-slim']);
    assert.deepEqual(offered('FROM python\nCMD ["python"]\n'), ['Use python:slim']);
    assert.deepEqual(offered('FROM debian:latest\nCMD ["bash"]\n'), ['Use debian:stable-slim']);
    assert.deepEqual(offered('FROM openjdk:17\nCOPY app.jar /\n'), ['Use eclipse-temurin:17-jre']);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0.100-alpine\nCOPY out /app\nEXPOSE 8080\n'), ['Use mcr.microsoft.com/dotnet/aspnet:8.0-alpine', 'Use mcr.microsoft.com/dotnet/runtime:8.0-alpine']);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY out /app\n'), ['Use mcr.microsoft.com/dotnet/runtime:8.0', 'Use mcr.microsoft.com/dotnet/aspnet:8.0']);
    assert.deepEqual(offered('FROM golang:1.22\nCOPY app /app\n'), ['Use gcr.io/distroless/static-debian12']);
  });

  it('offers no replacement that would break a RUN needing the toolchain, nor for ubuntu', () => {
    assert.deepEqual(offered('FROM golang:1.22\nRUN go build -o /app .\n'), []);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -o /out\n'), []);
    assert.deepEqual(offered('FROM ubuntu:24.04\nCMD ["bash"]\n'), []);
  });

  it('fixes by replacing only the image, keeping AS and flags, and is not safe', () => {
    const text = 'FROM --platform=$BUILDPLATFORM node:20 AS app\nCMD ["node"]\n';
    assert.equal(roundTrip(text, 'minimal-base-image'), 'FROM --platform=$BUILDPLATFORM node:20-slim AS app\nCMD ["node"]\n');
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
    assert.deepEqual(offered('FROM golang:1.22\nRUN echo "ready to go now" > /etc/motd\n'), ['Use gcr.io/distroless/static-debian12']);
    assert.deepEqual(offered('FROM golang:1.22\nRUN cat go \\\n# go build is done elsewhere\n  /etc/motd\n'), ['Use gcr.io/distroless/static-debian12']);
    assert.deepEqual(offered('FROM openjdk:17\nRUN java -jar /app/migrate.jar\n'), ['Use eclipse-temurin:17-jre']);
    assert.deepEqual(offered('FROM openjdk:17\nRUN echo "mvn package" >> /notes\n'), ['Use eclipse-temurin:17-jre']);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN echo "dotnet publish" > /notes\n'), ['Use mcr.microsoft.com/dotnet/runtime:8.0', 'Use mcr.microsoft.com/dotnet/aspnet:8.0']);
    assert.deepEqual(offered('FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet --info\n'), ['Use mcr.microsoft.com/dotnet/runtime:8.0', 'Use mcr.microsoft.com/dotnet/aspnet:8.0']);
  });
});

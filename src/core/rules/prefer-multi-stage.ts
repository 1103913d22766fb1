import type { Rule } from '../rule';

export const preferMultiStage: Rule = {
  id: 'prefer-multi-stage',
  aliases: [],
  severity: 'info',
  title: 'single-stage Dockerfile whose final image keeps a build toolchain: SDK base (dotnet/sdk, golang, maven, gradle, rust, node with a build script) or installs compilers (build-essential, gcc, g++, make)',
  check: () => [], // TODO: implement
};

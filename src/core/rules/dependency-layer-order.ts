import type { Rule } from '../rule';

export const dependencyLayerOrder: Rule = {
  id: 'dependency-layer-order',
  aliases: [],
  severity: 'warning',
  title: 'a COPY of the whole context (COPY . . or COPY . <dir>) before an install RUN of npm/yarn/pnpm, pip/poetry, dotnet restore, go mod download, bundle, composer, mvn/gradle, cargo fetch',
  check: () => [], // TODO: implement
};

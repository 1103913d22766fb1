import type { Rule } from '../rule';

export const syntaxDirective: Rule = {
  id: 'syntax-directive',
  aliases: [],
  severity: 'info',
  title: 'BuildKit-only syntax (RUN --mount, heredocs, COPY --link, --chmod, --exclude) without a # syntax=docker/dockerfile:1 directive',
  check: () => [], // TODO: implement
};

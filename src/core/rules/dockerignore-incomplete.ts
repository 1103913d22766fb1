import type { Rule } from '../rule';

export const dockerignoreIncomplete: Rule = {
  id: 'dockerignore-incomplete',
  aliases: [],
  severity: 'info',
  title: '.dockerignore does not exclude a path that exists in the context and should never be sent: .git, .env/.env.*, node_modules, bin/obj of .NET, private keys',
  check: () => [], // TODO: implement
};

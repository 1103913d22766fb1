import type { Rule } from '../rule';

export const secretInArgEnv: Rule = {
  id: 'secret-in-arg-env',
  aliases: ['DL3064', 'SecretsUsedInArgOrEnv', 'DS-0031'],
  severity: 'error',
  title: 'ARG or ENV whose name looks secret (password, passwd, secret, token, api_key, apikey, access_key, private_key, credential) or whose value looks like a credential (AWS key id, GitHub/GitLab token, JWT, PEM block)',
  check: () => [], // TODO: implement
};

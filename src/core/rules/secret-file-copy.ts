import type { Rule } from '../rule';

export const secretFileCopy: Rule = {
  id: 'secret-file-copy',
  aliases: ['DS-0031'],
  severity: 'error',
  title: 'COPY/ADD of a file that holds credentials: .env, .npmrc, .pypirc, id_rsa*, *.pem, *.key, .netrc, .aws/credentials, .docker/config.json',
  check: () => [], // TODO: implement
};

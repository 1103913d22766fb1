import type { Rule } from '../rule';

export const minimalBaseImage: Rule = {
  id: 'minimal-base-image',
  aliases: [],
  severity: 'info',
  title: 'final stage FROM a full distribution or SDK image: ubuntu, debian, centos, fedora, node:<v> / python:<v> without -slim/-alpine, golang, dotnet/sdk, maven, openjdk JDK',
  check: () => [], // TODO: implement
};

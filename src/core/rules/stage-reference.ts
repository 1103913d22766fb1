import type { Rule } from '../rule';

export const stageReference: Rule = {
  id: 'stage-reference',
  aliases: ['DL3022', 'DL3023', 'DL3024', 'DuplicateStageName', 'DS-0006', 'DS-0012'],
  severity: 'error',
  title: 'COPY --from naming an unknown stage or its own stage; two stages with the same name',
  check: () => [], // TODO: implement
};

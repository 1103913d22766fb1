import type { Rule } from '../rule';

export const undefinedVar: Rule = {
  id: 'undefined-var',
  aliases: ['UndefinedVar', 'UndefinedArgInFrom'],
  severity: 'warning',
  title: '$VAR/${VAR} in an instruction that the builder itself expands (FROM, ENV, ARG, COPY, ADD, WORKDIR, USER, EXPOSE, LABEL, VOLUME, STOPSIGNAL) that no ARG or ENV in scope declares',
  check: () => [], // TODO: implement
};

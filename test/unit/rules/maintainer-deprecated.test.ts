import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('maintainer-deprecated', {
  valid: [
    { name: 'the fixed fixture, without MAINTAINER', code: fixture('maintainer-deprecated', 'fixed.Dockerfile') },
    {
      name: 'MAINTAINER in a comment, and a LABEL that says the same',
      code: 'FROM alpine:3.20\n# MAINTAINER in a comment\nLABEL maintainer=x\n',
    },
  ],
  invalid: [
    {
      name: 'fixes by rewriting it as the authors label, quoting the author',
      code: fixture('maintainer-deprecated', 'input.Dockerfile'),
      count: 1,
      output: fixture('maintainer-deprecated', 'fixed.Dockerfile'),
    },
    { name: 'MAINTAINER in any case', code: 'FROM alpine:3.20\nmaintainer someone\n', count: 1 },
  ],
});

import { ruleTester } from '../../support/ruleTester';

ruleTester.run('stage-reference', {
  valid: [
    {
      name: 'earlier stages by name or index, images and variables',
      code: 'FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=build /out /a\nCOPY --from=0 /out /b\nCOPY --from=nginx:1.27 /etc/nginx /c\nCOPY --from=ghcr.io/acme/tools /bin/t /d\nCOPY --from=$STAGE /x /e\n',
    },
  ],
  invalid: [
    {
      name: 'an unknown stage name, with the stages that exist',
      code: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /out /app\n',
      line: 3,
      message: /Stages: build/,
      severity: 'error',
    },
    {
      name: 'its own stage by name or index, a later stage, and a missing index',
      code: 'FROM alpine:3.20 AS one\nCOPY --from=one /a /b\nCOPY --from=0 /a /b\nCOPY --from=two /a /b\nCOPY --from=7 /a /b\nFROM alpine:3.20 AS two\n',
      lines: [2, 3, 4, 5],
    },
    {
      name: 'a duplicate stage name (case-insensitive), pointing at the first',
      code: 'FROM alpine:3.20 AS base\nFROM alpine:3.20 AS Base\n',
      findings: [{ line: 2, related: [1] }],
    },
  ],
});

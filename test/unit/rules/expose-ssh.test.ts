import { ruleTester } from '../../support/ruleTester';

ruleTester.run('expose-ssh', {
  valid: [
    {
      name: 'other ports, 22/udp, 2222 and variables',
      code: 'FROM alpine:3.20\nEXPOSE 80 443 2222 222\nEXPOSE 22/udp\nEXPOSE $PORT\n',
    },
  ],
  invalid: [
    {
      name: '22, 22/tcp and a range holding 22, at the port itself',
      code: 'FROM alpine:3.20\nEXPOSE 80 22\nEXPOSE 22/tcp\nEXPOSE 20-30\n',
      findings: [
        { line: 2, column: 11 },
        { line: 3, column: 8 },
        { line: 4, column: 8 },
      ],
    },
  ],
});

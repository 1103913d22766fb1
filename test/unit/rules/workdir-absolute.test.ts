import { ruleTester } from '../../support/ruleTester';

ruleTester.run('workdir-absolute', {
  valid: [
    {
      name: 'absolute and Windows paths, and variables',
      code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR "/srv/my app"\nWORKDIR C:\\\\app\nWORKDIR c:/build\nWORKDIR $HOME/app\nWORKDIR ${APP_DIR}\n',
    },
  ],
  invalid: [
    {
      name: 'relative paths, quoted or not',
      code: 'FROM alpine:3.20\nWORKDIR app\nWORKDIR "src/server"\nWORKDIR ./build\n',
      lines: [2, 3, 4],
    },
    {
      name: 'offers no fix: only the author knows the intended absolute path',
      code: 'FROM alpine:3.20\nWORKDIR app\n',
      output: null,
    },
  ],
});

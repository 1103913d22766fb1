import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('add-instead-of-copy', {
  valid: [
    'ADD https://example.com/a.txt /a.txt',
    'ADD git@github.com:moby/buildkit.git /src',
    'ADD https://github.com/moby/buildkit.git#v0.14 /src',
    'ADD rootfs.tar.xz /',
    'ADD app.tgz /opt/',
    'ADD ${SOURCE} /src',
    'ADD --checksum=sha256:abc https://example.com/x /x',
    'ADD --keep-git-dir=true https://github.com/a/b.git /b',
    'ADD <<EOF /etc/motd\nhello\nEOF',
    'ADD',
  ].map((line) => ({
    name: `URLs, git sources, archives, variables, heredocs and ADD-only flags: ${JSON.stringify(line)}`,
    code: `FROM alpine:3.20\n${line}\n`,
  })),
  invalid: [
    {
      name: 'ADD of local files and folders, in shell and JSON form; fixed by renaming ADD to COPY in the case it was written, keeping flags',
      code: fixture('add-instead-of-copy', 'input.Dockerfile'),
      lines: [3, 4],
      fix: [0, 0],
      output: fixture('add-instead-of-copy', 'fixed.Dockerfile'),
    },
    {
      name: 'offers a safe fix that applies on its own',
      code: 'FROM alpine:3.20\nADD . /src\n',
      safe: true,
      output: 'FROM alpine:3.20\nCOPY . /src\n',
    },
  ],
});

import { fixture, ruleTester } from '../../support/ruleTester';

ruleTester.run('add-instead-of-copy', {
  valid: [
    ...[
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
    // ADD unpacks a local tar archive whatever the case of its name (BuildKit looks at the content)
    ...[
      'vendor.TAR.GZ',
      'rootfs.TGZ',
      'Rootfs.Tar.Xz',
      'layer.tar.bz2',
      'layer.TBZ2',
      'layer.tbz',
      'layer.tb2',
      'layer.TXZ',
      'layer.tar.zst',
      'layer.tar.Z',
      'layer.tz',
      'dist/*.TGZ',
      'a.txt vendor.TAR.GZ',
      '["vendor.Tar.Gz", "/opt/"]',
    ].map((source) => ({
      name: `an archive, in any case, is left to ADD: ${source}`,
      code: `FROM alpine:3.20\nADD ${source.startsWith('[') ? source : `${source} /opt/`}\n`,
    })),
  ],
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
    ...['site/', '.', './', 'conf/default.conf', 'files/*.txt', 'a.txt b.json /c.sh'].map((source) => ({
      name: `a folder, or files whose extension is not an archive's: a safe fix (${source})`,
      code: `FROM alpine:3.20\nADD ${source} /opt/\n`,
      safe: true,
      output: `FROM alpine:3.20\nCOPY ${source} /opt/\n`,
    })),
    // hadolint's DL3020 reports these too; COPY would not unpack them if they are tar archives
    ...['rootfs', 'vendor/rootfs', 'files/*', 'src/*/', 'release.*', 'layer.t[ag]z', '.bashrc'].map((source) => ({
      name: `a name that says nothing of archives may be a tar that ADD unpacks: reported, the fix not safe (${source})`,
      code: `FROM alpine:3.20\nADD ${source} /opt/\n`,
      line: 2,
      safe: false,
      note: /tar archive/,
      output: `FROM alpine:3.20\nCOPY ${source} /opt/\n`,
    })),
    {
      name: 'a name without extension that the context shows is a folder: a safe fix',
      code: 'FROM alpine:3.20\nADD rootfs /opt/\n',
      context: { 'rootfs/etc/motd': 'hi' },
      safe: true,
      output: 'FROM alpine:3.20\nCOPY rootfs /opt/\n',
    },
    {
      name: 'a name without extension that the context shows is a file: still not safe',
      code: 'FROM alpine:3.20\nADD rootfs /opt/\n',
      context: { rootfs: '' },
      safe: false,
    },
  ],
});

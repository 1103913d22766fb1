import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('sudo', {
  valid: [
    {
      name: 'sudo as a word that is not a command',
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends sudo && usermod -aG sudo app && echo "sudo make"\n',
    },
  ],
  invalid: [
    {
      name: 'exec form: reported, with no fix, since no shell reads the words',
      code: 'FROM debian:12-slim\nRUN ["sudo", "apt-get", "update"]\n',
      findings: [{ line: 2, text: 'sudo' }],
      output: null,
    },
    {
      name: "exec form's sh -c script: sudo removed inside the JSON string",
      code: 'FROM debian:12-slim\nRUN ["/bin/sh", "-c", "sudo make install"]\n',
      output: 'FROM debian:12-slim\nRUN ["/bin/sh", "-c", "make install"]\n',
    },
    {
      name: 'sudo as a command, with options, behind env or in a subshell',
      code: 'FROM debian:12\nRUN sudo make install\nRUN (cd /x && sudo -E make)\nRUN env A=1 sudo -u app make\n',
      lines: [2, 3, 4],
    },
    {
      name: 'fixes by removing sudo and its harmless options when the RUN runs as root',
      code: 'FROM debian:12\nRUN sudo -E make install\n',
      output: 'FROM debian:12\nRUN make install\n',
    },
    {
      name: 'fixes by removing sudo before a continuation',
      code: dockerfile`
        FROM debian:12
        RUN cd /x && sudo \
            make
      `,
      output: 'FROM debian:12\nRUN cd /x && make\n',
    },
    {
      name: 'offers no fix when sudo switches the user',
      code: 'FROM debian:12\nRUN sudo -u postgres psql -c "select 1"\n',
      output: null,
    },
    {
      name: 'under a non-root USER, runs the RUN as root instead (not safe)',
      code: 'FROM debian:12\nUSER app\nRUN sudo make install\nCMD ["app"]\n',
      safe: false,
      output: 'FROM debian:12\nUSER app\nUSER root\nRUN make install\nUSER app\nCMD ["app"]\n',
    },
    ...[
      ['jenkins/jenkins:lts-jdk17', 'jenkins'],
      ['cimg/base:2024.01', 'circleci'],
    ].map(([image, user]) => ({
      name: `on an image that runs as ${user}, runs the RUN as root instead of removing sudo (not safe): ${image}`,
      code: `FROM ${image}\nRUN sudo apt-get install -y curl\n`,
      fixes: [`Remove sudo and run this RUN as root (USER root, then USER ${user})`],
      safe: false,
      output: `FROM ${image}\nUSER root\nRUN apt-get install -y curl\nUSER ${user}\n`,
    })),
    {
      name: 'judges the user from the image a stage builds on',
      code: 'FROM cimg/base:2024.01 AS base\nFROM base\nRUN sudo make install\n',
      fixes: ['Remove sudo and run this RUN as root (USER root, then USER circleci)'],
    },
    {
      name: 'removes sudo on a non-root image after USER root (safe)',
      code: 'FROM jenkins/jenkins:lts\nUSER root\nRUN sudo make install\nUSER jenkins\n',
      safe: true,
      output: 'FROM jenkins/jenkins:lts\nUSER root\nRUN make install\nUSER jenkins\n',
    },
    {
      name: 'offers no fix on an image that runs as a user it cannot name',
      code: 'FROM example/tool:1.2-rootless\nRUN sudo make install\n',
      output: null,
    },
    {
      name: 'puts USER back after a RUN that ends the file with an escape, which would have continued into it',
      code: 'FROM debian:12\nUSER app\nRUN sudo make install \\\n',
      output: 'FROM debian:12\nUSER app\nUSER root\nRUN make install\nUSER app\n',
    },
  ],
});

import { dockerfile, ruleTester } from '../../support/ruleTester';

ruleTester.run('run-cd', {
  valid: [
    {
      name: 'a cd inside a subshell or command substitution',
      code: 'FROM debian:12\nRUN (cd /src && make) && echo "$(cd /x && pwd)"\n',
    },
    {
      name: 'a cd inside a quoted sh -c',
      code: 'FROM debian:12\nRUN sh -c "cd /src && make"\n',
    },
  ],
  invalid: [
    {
      name: 'a cd that sets the directory for the commands after it',
      code: dockerfile`
        FROM debian:12
        RUN cd /src && make
        RUN make; \
            cd build; make install
      `,
      lines: [2, 4],
    },
    {
      name: 'introduces WORKDIR for a leading cd (not safe), keeping the rest of the RUN',
      code: dockerfile`
        FROM debian:12
        RUN cd /src && \
            make && \
            make install
      `,
      safe: false,
      output: dockerfile`
        FROM debian:12
        WORKDIR /src
        RUN make && \
            make install
      `,
    },
    {
      name: 'resolves a relative cd against the WORKDIR',
      code: 'FROM debian:12\nWORKDIR /app\nRUN cd web && npm ci\n',
      output: 'FROM debian:12\nWORKDIR /app\nWORKDIR /app/web\nRUN npm ci\n',
    },
    {
      name: 'offers no WORKDIR when the WORKDIR is unknown',
      code: 'FROM debian:12\nRUN cd web && make\n',
      output: null,
    },
    {
      name: 'offers no WORKDIR when the cd is not first',
      code: 'FROM debian:12\nRUN make && cd /x && make\n',
      output: null,
    },
    {
      // hadolint's DL3003 and Trivy's DS-0013 report it: the next instruction does not start there
      name: 'a cd that is the only command: WORKDIR instead (not safe)',
      code: 'FROM debian:12\nWORKDIR /app\nRUN cd web\n',
      line: 3,
      message: 'changes nothing',
      safe: false,
      output: 'FROM debian:12\nWORKDIR /app\nWORKDIR /app/web\n',
    },
    {
      name: 'a cd that ends a RUN, with no fix: what it meant is unknown',
      code: 'FROM nginx:1.27\nRUN apt-get install -y vim && cd /usr/share/nginx/html\n',
      line: 2,
      message: 'changes nothing',
      output: null,
    },
    {
      name: 'offers no fix under a SHELL that is not POSIX',
      code: 'FROM debian:12\nSHELL ["cmd", "/S", "/C"]\nRUN cd /src && make\n',
      output: null,
    },
  ],
});

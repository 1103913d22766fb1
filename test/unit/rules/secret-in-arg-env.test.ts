import { fixture, ruleTester } from '../../support/ruleTester';

const INPUT = fixture('secret-in-arg-env', 'input.Dockerfile');
const ENV_FIRST = 'Pass NPM_TOKEN as a secret mount (env=NPM_TOKEN)';
const FILE_FIRST = 'Pass NPM_TOKEN as a secret mount (read /run/secrets/npm_token)';

ruleTester.run('secret-in-arg-env', {
  valid: [
    ...[
      'TOKEN_URL',
      'PASSWORD_FILE',
      'SECRET_PATH',
      'GITHUB_TOKEN_DIR',
      'GPG_KEY',
      'TOKENIZER',
      'BYPASS_CACHE',
      'KEYRING_VERSION',
    ].map((name) => ({
      name: `names that only mention a secret (TOKEN_URL, PASSWORD_FILE, *_PATH) and public keys: ${name}`,
      code: `FROM alpine\nARG ${name}=x\n`,
    })),
    // a file path names where the secret is, as Trivy's DS-0031 reads it: secret-file-copy judges copying it
    ...[
      'GOOGLE_APPLICATION_CREDENTIALS=/credentials/key.json',
      'SSL_PRIVATE_KEY="./certs/server.key"',
      'DB_PASSWORD=${HOME}/db-password',
      'NETRC_TOKEN=~/.netrc',
    ].map((pair) => ({
      name: `values that are a file path, not the secret itself: ${pair}`,
      code: `FROM alpine\nENV ${pair}\n`,
    })),
    // BuildKit's and Trivy's allow token
    ...['public_token', 'PUBLIC_KEY', 'NEXT_PUBLIC_API_KEY'].map((name) => ({
      name: `names marked public: ${name}`,
      code: `FROM alpine\nARG ${name}\n`,
    })),
  ],
  invalid: [
    {
      name: 'ARG and ENV names that look secret, one finding per declaration',
      code: 'FROM alpine\nARG NPM_TOKEN\nENV DB_PASSWORD=x OTHER=1\nARG apiKey\nENV AWS_SECRET_ACCESS_KEY=abc\nARG GITHUB_CREDENTIALS\nARG LDAP_ROOTPASS\n',
      lines: [2, 3, 4, 5, 6, 7],
    },
    {
      name: 'Jenkins’ credential bindings (_PSW), BuildKit’s auth, pword and *_key as the last word',
      code: 'FROM alpine\nARG ARTIFACTORY_PSW\nARG auth\nARG DB_PWORD\nARG git_key\nENV LICENSE_KEY=x\n',
      lines: [2, 3, 4, 5, 6],
    },
    ...[
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'glpat-abcdefghij0123456789',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ].map((value) => ({
      name: `values that look like credentials whatever the name: ${value.slice(0, 12)}…`,
      code: `FROM alpine\nENV SETTING=${value}\n`,
      count: 1,
    })),
    { name: 'is an error by default', code: 'FROM alpine\nARG NPM_TOKEN\n', severity: 'error' },
    {
      name: 'offers the file form first when there is no syntax line; the env form as FIX-EXAMPLES.md shows',
      code: INPUT,
      fixes: [FILE_FIRST, ENV_FIRST],
      fix: /env=NPM_TOKEN/,
      output: fixture('secret-in-arg-env', 'fixed-env.Dockerfile'),
    },
    {
      name: 'the file form as FIX-EXAMPLES.md shows',
      code: INPUT,
      fix: /read \/run\/secrets/,
      output: fixture('secret-in-arg-env', 'fixed-file.Dockerfile'),
    },
    {
      name: 'puts the env form first when the file has a syntax line, tells the --secret flag, and adds no second syntax line',
      code: `# syntax=docker/dockerfile:1\n${INPUT}`,
      fixes: [ENV_FIRST, FILE_FIRST],
      safe: false,
      note: /--secret id=npm_token,env=NPM_TOKEN/,
      secrets: [{ id: 'npm_token', env: 'NPM_TOKEN' }],
      output:
        '# syntax=docker/dockerfile:1\nFROM node:20-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.example.com/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc\n',
    },
    {
      name: 'lifts a pinned syntax line older than 1.10 for the env form',
      code: '# syntax=docker/dockerfile:1.4\nFROM alpine\nARG API_TOKEN\nRUN curl -H "Authorization: $API_TOKEN" https://x\n',
      fix: /env=/,
      output:
        '# syntax=docker/dockerfile:1\nFROM alpine\nRUN --mount=type=secret,id=api_token,env=API_TOKEN \\\n    curl -H "Authorization: $API_TOKEN" https://x\n',
    },
    {
      name: 'removes every declaration of the name (global ARG, stage ARG, one ENV pair) and rewrites each RUN that uses it',
      code: 'ARG NPM_TOKEN\nFROM node:20-slim\nARG NPM_TOKEN\nENV NODE_ENV=production NPM_TOKEN=$NPM_TOKEN\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN echo ${NPM_TOKEN} > /dev/null\n',
      fix: /env=/,
      output:
        '# syntax=docker/dockerfile:1\nFROM node:20-slim\nENV NODE_ENV=production\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo ${NPM_TOKEN} > /dev/null\n',
    },
    {
      name: 'only removes a secret that no RUN uses, and says how to pass it',
      code: 'FROM alpine\nENV DB_PASSWORD=hunter2\nCMD ["app"]\n',
      fixes: ['Remove DB_PASSWORD from the Dockerfile'],
      note: /docker run -e/,
      output: 'FROM alpine\nCMD ["app"]\n',
    },
    {
      name: 'indents the continued command like the file’s other continuations',
      code: 'FROM alpine\nARG GH_TOKEN\nRUN apk add --no-cache git \\\n\t&& true\nRUN git clone https://$GH_TOKEN@github.com/o/r\n',
      fix: /env=/,
      output: /RUN --mount=type=secret,id=gh_token,env=GH_TOKEN \\\n\tgit clone/,
    },
    {
      name: 'puts the secret mount before the RUN’s other flags: env form',
      code: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci --token=$NPM_TOKEN\n',
      fix: /env=/,
      output:
        '# syntax=docker/dockerfile:1\nFROM node:20-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    --mount=type=cache,target=/root/.npm \\\n    npm ci --token=$NPM_TOKEN\n',
    },
    {
      name: 'puts the secret mount before the RUN’s other flags: file form',
      code: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci --token=$NPM_TOKEN\n',
      fix: /read/,
      output:
        'FROM node:20-slim\nRUN --mount=type=secret,id=npm_token --mount=type=cache,target=/root/.npm \\\n    NPM_TOKEN="$(cat /run/secrets/npm_token)" && npm ci --token=$NPM_TOKEN\n',
    },
    {
      name: 'keeps the continuation indentation and CRLF of the file',
      code: 'FROM alpine\r\n  ARG GH_TOKEN\r\n  RUN git clone https://$GH_TOKEN@github.com/o/r\r\n',
      fix: /env=/,
      output:
        '# syntax=docker/dockerfile:1\r\nFROM alpine\r\n  RUN --mount=type=secret,id=gh_token,env=GH_TOKEN \\\r\n      git clone https://$GH_TOKEN@github.com/o/r\r\n',
    },
    {
      name: 'offers only the env form under a SHELL that is not POSIX (the file form writes $(cat …) &&)',
      code: 'FROM node:20-slim\nSHELL ["pwsh", "-Command"]\nARG NPM_TOKEN\nRUN npm config set //registry.example.com/:_authToken $NPM_TOKEN\n',
      fixes: [ENV_FIRST],
    },
  ],
});

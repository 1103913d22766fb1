// Every snippet's output passes the guide rules it is about. Each snippet is expanded with its
// defaults and once more for each option of each choice, put into a Dockerfile when it is only a
// fragment, and linted by the real rules engine: the rules it is about must stay silent, and the
// text must parse. A control then takes the snippet's guard out (its USER, its cache mount…) and
// the rule must fire: the rule is live and it is the snippet that keeps it quiet.
import assert from 'node:assert/strict';
import ignore from '@balena/dockerignore';
import { lint, type LintOptions } from '../../../src/core/lint/lint';
import { allRules } from '../../../src/core/rules';
import { findings, parseProblems } from '../../support/ruleHarness';
import { MemoryContext } from '../../support/memoryContext';
import { expandSnippet } from './snippetSyntax';
import { loadSnippets, snippetByPrefix, variants } from './snippetFiles';

const CI = process.env.CI === 'true';

/** Rules that judge a whole image, which a one-instruction snippet can't satisfy on its own. */
const WHOLE_IMAGE = ['non-root-user', 'prefer-multi-stage', 'healthcheck-missing', 'minimal-base-image'];
/** Off by default, and the snippets pin by tag: a digest would go stale in the snippet. */
const OFF = ['pin-digest'];

interface Control {
  rule: string;
  /** The snippet's text (first variant, in its Dockerfile) without what keeps the rule quiet. */
  mutate: (text: string) => string;
}

interface Expectation {
  /** Turns a fragment into a whole Dockerfile. */
  wrap?: (text: string) => string;
  /** Rules that may fire, with the reason; every other rule must stay silent. */
  exempt: Record<string, string>;
  /** A build context to lint in (for the .dockerignore rules). */
  context?: MemoryContext;
  controls: Control[];
}

const SYNTAX = '# syntax=docker/dockerfile:1\n';
const fragmentIn =
  (from: string, ...before: string[]) =>
  (text: string) =>
    `${SYNTAX}FROM ${from}\nWORKDIR /app\n${before.map((l) => `${l}\n`).join('')}${text}\n`;
const wholeImage = Object.fromEntries(WHOLE_IMAGE.map((r) => [r, 'a fragment: the rest of the image is not there']));
const offByDefault = Object.fromEntries(OFF.map((r) => [r, 'off by default']));

// Mutations: each removes one thing a snippet does on purpose.
const withoutCacheMounts = (t: string) => t.replace(/--mount=type=cache,[^\s]*\s*(\\\n\s*)?/g, '');
const withoutUser = (t: string) => t.replace(/^USER .*\n/gm, '');
const withoutHealthcheck = (t: string) => t.replace(/^HEALTHCHECK (.*\\\n)*.*\n/gm, '');
const withoutSyntaxLine = (t: string) => t.replace(/^# syntax=.*\n/, '');
const firstStageOnly = (t: string) => t.slice(0, t.indexOf('\nFROM ', t.indexOf('FROM ') + 1) + 1);
const secretAsArg = (name: string) => (t: string) =>
  t.replace(/^RUN --mount=type=secret[^\\]*\\\n\s*/m, `ARG ${name}\nRUN `);

/** A project's files beside the template .dockerignore: what the context rules look at. */
function projectContext(files: string[]): MemoryContext {
  const template = expandSnippet(snippetByPrefix('dockerignore').body).text;
  const entries: Record<string, string> = {
    '.dockerignore': template,
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.env': 'API_TOKEN=x\n',
  };
  for (const f of files) entries[f] = '';
  return new MemoryContext(entries, 'Dockerfile');
}

const multiStage = (files: string[], controls: Control[]): Expectation => ({
  exempt: offByDefault,
  context: projectContext(['Dockerfile', ...files]),
  controls,
});

const EXPECTATIONS: Record<string, Expectation> = {
  'multistage-dotnet': multiStage(
    ['MyApp/MyApp.csproj', 'MyApp/Program.cs', 'MyApp/bin/Debug/x.dll', 'MyApp/obj/project.assets.json'],
    [
      { rule: 'non-root-user', mutate: withoutUser },
      { rule: 'healthcheck-missing', mutate: withoutHealthcheck },
      { rule: 'prefer-multi-stage', mutate: firstStageOnly },
      { rule: 'cache-mount', mutate: withoutCacheMounts },
      { rule: 'syntax-directive', mutate: withoutSyntaxLine },
    ],
  ),
  'multistage-node': multiStage(
    ['package.json', 'package-lock.json', 'src/index.ts', 'node_modules/x/index.js'],
    [
      { rule: 'non-root-user', mutate: withoutUser },
      { rule: 'healthcheck-missing', mutate: withoutHealthcheck },
      { rule: 'prefer-multi-stage', mutate: firstStageOnly },
      { rule: 'cache-mount', mutate: withoutCacheMounts },
    ],
  ),
  'multistage-go': multiStage(
    ['go.mod', 'go.sum', 'cmd/server/main.go'],
    [
      { rule: 'prefer-multi-stage', mutate: firstStageOnly },
      { rule: 'cache-mount', mutate: withoutCacheMounts },
    ],
  ),
  'multistage-python': multiStage(
    ['requirements.txt', 'app.py', '__pycache__/app.cpython-313.pyc'],
    [
      { rule: 'non-root-user', mutate: withoutUser },
      { rule: 'healthcheck-missing', mutate: withoutHealthcheck },
      // the pip install is in the build stage, whose layers never reach the image: cache-mount speaks there
      { rule: 'cache-mount', mutate: withoutCacheMounts },
    ],
  ),
  'multistage-java': multiStage(
    ['pom.xml', 'src/main/java/App.java', 'target/app.jar'],
    [
      { rule: 'non-root-user', mutate: withoutUser },
      { rule: 'healthcheck-missing', mutate: withoutHealthcheck },
      { rule: 'prefer-multi-stage', mutate: firstStageOnly },
      { rule: 'cache-mount', mutate: withoutCacheMounts },
    ],
  ),
  'cache-apt': {
    wrap: fragmentIn('debian:12-slim'),
    exempt: { ...wholeImage, ...offByDefault },
    // without the mount the cache is left in the layer: apt-lists-cleanup says so, with the mount as its second fix
    controls: [{ rule: 'apt-lists-cleanup', mutate: withoutCacheMounts }],
  },
  'cache-npm': {
    wrap: fragmentIn('node:22-slim', 'COPY package.json package-lock.json ./'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'cache-mount', mutate: withoutCacheMounts }],
  },
  'cache-yarn': {
    wrap: fragmentIn('node:22-slim', 'COPY package.json yarn.lock ./'),
    exempt: { ...wholeImage, ...offByDefault },
    // without the mount the cache is left in the layer: package-cache-cleanup says so, with the mount as its second fix
    controls: [{ rule: 'package-cache-cleanup', mutate: withoutCacheMounts }],
  },
  'cache-pnpm': {
    wrap: fragmentIn('node:22-slim', 'COPY package.json pnpm-lock.yaml ./'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'cache-mount', mutate: withoutCacheMounts }],
  },
  'cache-pip': {
    wrap: fragmentIn('python:3.13-slim', 'COPY requirements.txt pyproject.toml ./'),
    exempt: { ...wholeImage, ...offByDefault },
    // without the mount the cache is left in the layer: pip-no-cache-dir says so, with the mount as its second fix
    controls: [{ rule: 'pip-no-cache-dir', mutate: withoutCacheMounts }],
  },
  'cache-go': {
    wrap: fragmentIn('golang:1.24', 'COPY go.mod go.sum ./'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'cache-mount', mutate: withoutCacheMounts }],
  },
  'cache-nuget': {
    wrap: fragmentIn('mcr.microsoft.com/dotnet/sdk:9.0', 'COPY *.csproj ./'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'cache-mount', mutate: withoutCacheMounts }],
  },
  'cache-maven': {
    wrap: fragmentIn('maven:3-eclipse-temurin-21', 'COPY pom.xml ./'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'cache-mount', mutate: withoutCacheMounts }],
  },
  'cache-gradle': {
    wrap: fragmentIn('gradle:8-jdk21', 'COPY build.gradle settings.gradle ./'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'cache-mount', mutate: withoutCacheMounts }],
  },
  'cache-cargo': {
    wrap: fragmentIn('rust:1.83', 'COPY Cargo.toml Cargo.lock ./'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'cache-mount', mutate: withoutCacheMounts }],
  },
  'cache-apk': {
    wrap: fragmentIn('alpine:3.20'),
    exempt: { ...wholeImage, ...offByDefault },
    // without the mount the cache is left in the layer: apk-no-cache says so, with the mount as its second fix
    controls: [{ rule: 'apk-no-cache', mutate: withoutCacheMounts }],
  },
  'secret-file': {
    wrap: fragmentIn('node:22-slim', 'COPY package.json package-lock.json ./'),
    exempt: {
      ...wholeImage,
      ...offByDefault,
      'cache-mount': "the command after the mount is the user's; the snippet is about the secret",
    },
    controls: [{ rule: 'secret-in-arg-env', mutate: secretAsArg('NPM_TOKEN') }],
  },
  'secret-env': {
    wrap: fragmentIn('alpine:3.20', 'COPY scripts ./scripts'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'secret-in-arg-env', mutate: secretAsArg('API_TOKEN') }],
  },
  // an ssh mount needs no syntax line (docs/rules.md#syntax-directive): the snippet's gets the newest frontend
  'ssh-mount': {
    wrap: fragmentIn('alpine:3.20'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [],
  },
  'heredoc-run': {
    wrap: fragmentIn('debian:12-slim'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'syntax-directive', mutate: withoutSyntaxLine }],
  },
  'heredoc-copy': {
    wrap: fragmentIn('alpine:3.20'),
    exempt: { ...wholeImage, ...offByDefault },
    controls: [{ rule: 'syntax-directive', mutate: withoutSyntaxLine }],
  },
  healthcheck: {
    wrap: (t) => `FROM nginx:1.27-alpine\nEXPOSE 8080\n${t}\nUSER nginx\n`,
    exempt: { ...offByDefault, 'minimal-base-image': 'the image around the snippet is only a host for it' },
    controls: [{ rule: 'healthcheck-missing', mutate: withoutHealthcheck }],
  },
  'user-alpine': {
    wrap: (t) => `FROM alpine:3.20\nWORKDIR /app\n${t}\nCMD ["sh"]\n`,
    exempt: {
      ...offByDefault,
      'prefer-multi-stage': 'not a build',
      'healthcheck-missing': 'no service',
      'minimal-base-image': 'alpine is minimal',
    },
    controls: [{ rule: 'non-root-user', mutate: withoutUser }],
  },
  'user-debian': {
    wrap: (t) => `FROM debian:12-slim\nWORKDIR /app\n${t}\nCMD ["bash"]\n`,
    exempt: { ...offByDefault, 'prefer-multi-stage': 'not a build', 'healthcheck-missing': 'no service' },
    controls: [{ rule: 'non-root-user', mutate: withoutUser }],
  },
  syntax: {
    wrap: (t) => `${t}\nFROM alpine:3.20\nCOPY --link motd /etc/motd\nUSER nobody\n`,
    exempt: { ...offByDefault, 'prefer-multi-stage': 'not a build', 'healthcheck-missing': 'no service' },
    controls: [{ rule: 'syntax-directive', mutate: withoutSyntaxLine }],
  },
};

/** Minimal Dockerfiles each control rule must fire on: when it does not, the rule is not implemented yet. */
const CANARIES: Record<string, { text: string; options?: LintOptions }> = {
  'non-root-user': { text: 'FROM debian:12-slim\nCMD ["bash"]\n' },
  'healthcheck-missing': { text: 'FROM nginx:1.27-alpine\nEXPOSE 80\n' },
  'prefer-multi-stage': { text: 'FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n' },
  'cache-mount': { text: 'FROM node:22-slim\nCOPY package.json package-lock.json ./\nRUN npm ci\n' },
  'syntax-directive': { text: 'FROM alpine:3.20\nCOPY --link motd /etc/motd\n' },
  'apt-lists-cleanup': {
    text: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
  },
  'apk-no-cache': { text: 'FROM alpine:3.20\nRUN apk add curl\n' },
  'pip-no-cache-dir': { text: 'FROM python:3.13-slim\nRUN pip install flask\n' },
  'package-cache-cleanup': { text: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile\n' },
  'secret-in-arg-env': { text: 'FROM alpine:3.20\nARG API_TOKEN\n' },
  'dockerignore-missing': {
    text: 'FROM alpine:3.20\n',
    options: { context: new MemoryContext({ Dockerfile: '' }, 'Dockerfile') },
  },
  'dockerignore-incomplete': {
    text: 'FROM alpine:3.20\n',
    options: {
      context: new MemoryContext(
        { Dockerfile: '', '.dockerignore': '*.log\n', '.git/HEAD': '', '.env': '' },
        'Dockerfile',
      ),
    },
  },
};

function skipUnlessCI(ctx: Mocha.Context, why: string): void {
  if (CI) assert.fail(`${why} (CI=true: a skip is a failure)`);
  console.log(`      skipped: ${why}`);
  ctx.skip();
}

function ruleIsLive(rule: string): boolean {
  const canary = CANARIES[rule];
  assert.ok(canary, `no canary for ${rule}`);
  return findings(canary.text, rule, canary.options).length > 0;
}

describe('snippets: guide rules (unit)', () => {
  it('every Dockerfile snippet has its expectations here', () => {
    const dockerfileSnippets = loadSnippets()
      .filter((s) => s.language === 'dockerfile')
      .map((s) => s.prefixes[0]);
    assert.deepEqual(Object.keys(EXPECTATIONS).sort(), dockerfileSnippets.sort());
    for (const rule of Object.values(EXPECTATIONS).flatMap((e) => [
      ...Object.keys(e.exempt),
      ...e.controls.map((c) => c.rule),
    ])) {
      assert.ok(
        allRules.some((r) => r.id === rule),
        `unknown rule ${rule}`,
      );
    }
  });

  for (const [prefix, expectation] of Object.entries(EXPECTATIONS)) {
    const checked = allRules.map((r) => r.id).filter((id) => !(id in expectation.exempt));

    it(`${prefix}: parses and passes ${checked.length} rules, with every option of every choice`, () => {
      const snippet = snippetByPrefix(prefix);
      for (const { label, expansion } of variants(snippet.body)) {
        const text = expectation.wrap ? expectation.wrap(expansion.text) : expansion.text;
        assert.deepEqual(parseProblems(text), [], `${prefix} (${label}) does not parse:\n${text}`);
        const options: LintOptions = {
          context: expectation.context,
          rules: Object.fromEntries(checked.map((id) => [id, 'info'])),
        };
        const fired = lint(text, options).filter((d) => checked.includes(d.rule));
        assert.deepEqual(
          fired.map((d) => `${d.rule} (line ${d.range.start.line + 1}): ${d.message}`),
          [],
          `${prefix} (${label}) trips guide rules:\n${text}`,
        );
      }
    });

    for (const control of expectation.controls) {
      it(`${prefix}: without what it does for ${control.rule}, ${control.rule} fires`, function () {
        if (!ruleIsLive(control.rule))
          skipUnlessCI(this, `${control.rule} does not fire on its canary yet (not implemented?)`);
        const snippet = snippetByPrefix(prefix);
        const text = expectation.wrap
          ? expectation.wrap(expandSnippet(snippet.body).text)
          : expandSnippet(snippet.body).text;
        const mutated = control.mutate(text);
        assert.notEqual(mutated, text, 'the mutation changed nothing');
        assert.ok(
          findings(mutated, control.rule, { context: expectation.context }).length > 0,
          `${control.rule} does not fire on:\n${mutated}`,
        );
      });
    }
  }

  describe('the .dockerignore template', () => {
    const template = () => expandSnippet(snippetByPrefix('dockerignore').body).text;
    const project = {
      Dockerfile: '',
      '.git/HEAD': '',
      '.env': '',
      '.env.production': '',
      id_rsa: '',
      'certs/server.key': '',
      'node_modules/x/index.js': '',
      'src/App/bin/Debug/App.dll': '',
      'src/App/obj/project.assets.json': '',
      'src/App/App.csproj': '',
      'package.json': '',
    };
    const dockerfile =
      '# syntax=docker/dockerfile:1\nFROM node:22-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY src ./src\n';

    it('leaves nothing for dockerignore-missing, dockerignore-incomplete or copy-ignored-file to report', () => {
      const context = new MemoryContext({ ...project, '.dockerignore': template() }, 'Dockerfile');
      for (const rule of ['dockerignore-missing', 'dockerignore-incomplete', 'copy-ignored-file']) {
        assert.deepEqual(
          findings(dockerfile, rule, { context }).map((d) => d.message),
          [],
          rule,
        );
      }
    });

    it('is what keeps them quiet: an empty .dockerignore, or none, is reported', function () {
      if (!ruleIsLive('dockerignore-incomplete') || !ruleIsLive('dockerignore-missing'))
        skipUnlessCI(this, 'the .dockerignore rules do not fire on their canaries yet');
      assert.ok(
        findings(dockerfile, 'dockerignore-incomplete', {
          context: new MemoryContext({ ...project, '.dockerignore': '# nothing\n' }, 'Dockerfile'),
        }).length > 0,
      );
      assert.ok(
        findings(dockerfile, 'dockerignore-missing', { context: new MemoryContext(project, 'Dockerfile') }).length > 0,
      );
    });

    it("excludes the secrets and the dependency folders it promises, by Docker's own matching", () => {
      const matcher = ignore().add(template().split('\n'));
      for (const p of [
        '.git',
        '.env',
        '.env.local',
        'id_rsa',
        'a/id_ed25519',
        'certs/server.key',
        'node_modules/x',
        'web/node_modules/y',
        'App/bin/x.dll',
        'App/obj/y',
        'build.log',
        'Dockerfile',
        'Dockerfile.dev',
      ]) {
        assert.ok(matcher.ignores(p), `${p} is not excluded`);
      }
      for (const p of ['package.json', 'src/index.ts', 'requirements.txt', 'go.mod'])
        assert.ok(!matcher.ignores(p), `${p} is excluded`);
    });
  });
});

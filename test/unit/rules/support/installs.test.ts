import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { runScript, type ShellScript } from '../../../../src/core/shell/script';
import { detectInstalls, mentionsInstall, packageInstalls } from '../../../../src/core/rules/support/installs';
import { invocations } from '../../../../src/core/rules/support/invocations';
import { resolveProgram } from '../../../../src/core/shell/programs';

function script(run: string): ShellScript {
  const model = parseDockerfile(`FROM debian:12\nRUN ${run}\n`);
  const parsed = runScript(model, model.instructions[1]);
  assert.ok(parsed, `does not parse: ${run}`);
  return parsed;
}

const installs = (run: string) =>
  detectInstalls(script(run)).map((i) => `${i.manager}:${i.subcommand?.value ?? ''}:${i.fromManifest}`);

describe('package manager detection (unit)', () => {
  it('skips option values when looking for the subcommand', () => {
    const [install] = invocations(
      script('apt-get -o Dpkg::Options::=--force-confold -t bookworm-backports install -y curl'),
      ['apt-get'],
      ['install'],
    );
    assert.equal(install.subcommand.value, 'install');
    assert.deepEqual(
      install.operands.map((w) => w.value),
      ['curl'],
    );
    assert.deepEqual(invocations(script('apt-get -o install update'), ['apt-get'], ['install']), []);
  });

  it('sees through sudo, env, xargs and timeout, but not command -v', () => {
    const s = script(
      'sudo -u root env A=1 apt-get install -y x; echo y | xargs -r -n 1 apt-get install -y; timeout 60 apt-get install -y z; command -v apt-get',
    );
    assert.deepEqual(
      s.commands.map((c) => c.words[resolveProgram(c).index]?.value),
      ['apt-get', 'echo', 'apt-get', 'apt-get', 'command'],
    );
  });

  it('reads pip3, pip3.12 and python -m pip as pip, and tells manifests from named packages', () => {
    assert.deepEqual(
      installs(
        'pip3 install -r requirements.txt && python3 -m pip install flask && pip3.12 install . && pip install -e .[dev]',
      ),
      ['pip:install:true', 'pip:install:false', 'pip:install:true', 'pip:install:true'],
    );
  });

  it('finds the installs dependency-layer-order and cache-mount need', () => {
    assert.deepEqual(installs('npm ci && npm install -g yarn && npm install && yarn && yarn add x && pnpm install'), [
      'npm:ci:true',
      'npm:install:false',
      'npm:install:true',
      'yarn::true',
      'yarn:add:false',
      'pnpm:install:true',
    ]);
    assert.deepEqual(
      installs(
        'go mod download && dotnet restore && mvn -B dependency:go-offline && bundle install && composer install && cargo fetch && poetry install',
      ),
      [
        'go:mod:true',
        'dotnet:restore:true',
        'maven:dependency:go-offline:true',
        'bundle:install:true',
        'composer:install:true',
        'cargo:fetch:true',
        'poetry:install:true',
      ],
    );
    assert.deepEqual(installs('apk add --no-cache git && yum -y install make && apt-get install -y curl'), [
      'apk:add:false',
      'yum:install:false',
      'apt:install:false',
    ]);
  });

  it('does not count builds, queries or versions as installs', () => {
    assert.deepEqual(
      installs(
        'go build ./... && npm run build && yarn --version && pip --version && dotnet publish && apt-get update',
      ),
      [],
    );
  });

  it('prefilters RUNs cheaply: only those that may install pass', () => {
    const model = parseDockerfile('FROM debian:12\nRUN echo hello\nRUN go build .\nRUN npm \\\n  ci\nRUN yarn\n');
    assert.deepEqual(model.instructions.slice(1).map(mentionsInstall), [false, false, true, true]);
  });
});

describe('system package installs, read from parsed commands (unit)', () => {
  const packages = (run: string) =>
    packageInstalls(script(run)).map((i) => `${i.invocation.program}:${i.packages.join(',')}`);

  it('names the packages of apt-get, apt, apk, yum, dnf and microdnf installs, versions and releases taken off', () => {
    assert.deepEqual(
      packages(
        'apt-get install -y -t bookworm-backports curl=7.88.1-10 wget/bookworm libc6:amd64 && apk add --virtual .deps gcc~13 "make>4" musl@edge',
      ),
      ['apt-get:curl,wget,libc6', 'apk:gcc,make,musl'],
    );
    assert.deepEqual(packages('sudo dnf -y install gcc-c++ && microdnf install make && yum install -y "curl"'), [
      'dnf:gcc-c++',
      'microdnf:make',
      'yum:curl',
    ]);
  });

  it('reads no install into other managers, removals or words that only mention one', () => {
    assert.deepEqual(
      packages('pip install curl-cffi && apt-get purge -y curl && echo apt-get install curl && npm install wget'),
      [],
    );
  });
});

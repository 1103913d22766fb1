import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { mayRunProgram } from '../shell/prefilter';
import { runScript } from '../shell/script';
import { shortName } from '../dockerfile/imageRef';
import type { Rule } from '../rule';
import type { Fix } from '../types';
import { imageFamily, rootImage, stageChain } from './support/baseImage';
import { mentionsInstall, packageInstalls } from './support/installs';
import { insertLinesAfter, insertLinesBefore } from './support/lineEdits';
import { beforeStart, lastInstruction } from '../dockerfile/stageLayout';
import { runsPosixShell } from './support/runEdits';

const NOT_HTTP = new Set([
  21, 22, 23, 25, 53, 110, 143, 389, 465, 587, 636, 993, 995, 1080, 1883, 2181, 3306, 4222, 5432, 5672, 6379, 8883,
  9001, 9042, 9050, 9092, 11211, 27017,
]);
const TIMING = '--interval=30s --timeout=3s --start-period=5s --retries=3';

export const healthcheckMissing: Rule = {
  id: 'healthcheck-missing',
  aliases: { hadolint: ['DL3057'], trivy: ['DS-0026'] },
  defaultLevel: 'info',
  title: 'service image (it EXPOSEs a port) has no HEALTHCHECK',
  check({ dockerfile, target }) {
    const stage = dockerfile.finalStage(target);
    if (!stage) return [];
    const chain = stageChain(dockerfile, stage);
    // most images expose no port: the chain's instructions are gathered only for those that do
    const has = (keyword: string) => chain.some((s) => s.instructions.some((i) => i.keyword === keyword));
    if (!has('EXPOSE') || has('HEALTHCHECK')) return [];
    const instructions = chain.flatMap((s) => s.instructions);
    const exposes = instructions.filter((i) => i.keyword === 'EXPOSE');
    const family = imageFamily(dockerfile, stage);
    // scratch and distroless images have no shell tool to probe with
    if (family === 'scratch' || family === 'distroless') return [];
    const port = exposes
      .flatMap((e) => e.args.map((a) => a.value))
      .map((p) => /^(\d+)(\/tcp)?$/i.exec(p)?.[1])
      .find(Boolean);
    const probe = port ? probeCommand(dockerfile, stage, instructions, port) : undefined;
    const fixes: Fix[] = probe
      ? [
          {
            title: `Add a HEALTHCHECK probing port ${port}`,
            safe: false,
            edits: [insertHealthcheck(dockerfile, stage, `HEALTHCHECK ${TIMING} ${probe}`)],
          },
        ]
      : [];
    return [
      {
        range: exposes[exposes.length - 1].range,
        message:
          'The image serves a port but has no HEALTHCHECK: the engine cannot tell a hung service from a healthy one.',
        fixes,
      },
    ];
  },
};

/** The probe, with a tool the image has: busybox wget on alpine, curl or wget where a RUN installs it, else the runtime itself. */
function probeCommand(model: DockerfileModel, stage: Stage, instructions: Instr[], port: string): string | undefined {
  const url = `http://localhost:${port}/`;
  const installs = (tool: 'curl' | 'wget') => instructions.some((i) => installsPackage(model, i, tool));
  const family = imageFamily(model, stage);
  // the image's SHELL runs the probe: `|| exit 1` is POSIX (Windows PowerShell 5.1 rejects it)
  if (!runsPosixShell(model, stage.from, Infinity)) return runtimeProbe(model, stage, url);
  // SSH, databases, proxies and brokers do not speak HTTP: only a TCP connect can probe them
  if (NOT_HTTP.has(Number(port)))
    return family === 'alpine' || family === 'busybox' ? `CMD nc -z localhost ${port} || exit 1` : undefined;
  if (installs('curl')) return `CMD curl -fsS ${url} || exit 1`;
  if (family === 'alpine' || family === 'busybox' || installs('wget')) return `CMD wget -q --spider ${url} || exit 1`;
  return runtimeProbe(model, stage, url);
}

/** A probe with the image's own runtime, which needs no shell syntax. */
function runtimeProbe(model: DockerfileModel, stage: Stage, url: string): string | undefined {
  const image = rootImage(model, stage);
  const name = image && !image.hasVariable ? shortName(image) : '';
  if (name === 'node')
    return `CMD node -e "require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"`;
  if (name === 'python') return `CMD python -c "import urllib.request; urllib.request.urlopen('${url}', timeout=2)"`;
  return undefined;
}

/** A RUN that installs the package with apt-get, apt, apk, yum, dnf or microdnf; only RUNs that may name it are parsed. */
function installsPackage(model: DockerfileModel, instr: Instr, name: string): boolean {
  if (!mayRunProgram(instr, [name]) || !mentionsInstall(instr)) return false;
  const script = runScript(model, instr);
  return !!script && packageInstalls(script).some((install) => install.packages.includes(name));
}

function insertHealthcheck(model: DockerfileModel, stage: Stage, line: string) {
  const anchor = beforeStart(stage);
  return anchor ? insertLinesBefore(model, anchor, [line]) : insertLinesAfter(model, lastInstruction(stage), [line]);
}

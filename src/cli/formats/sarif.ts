// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Paths are relative to the
// current folder (%SRCROOT%), regions 1-based with an exclusive end column.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { aliasesOf } from '../../core/rule';
import { allRules } from '../../core/rules';
import { ruleDocUrl } from '../../core/rules/docs';
import type { Level, Severity } from '../../core/types';
import type { FileReport } from '../lintFile';
import { displayPath } from './paths';

const SARIF_LEVEL: Record<Severity, 'note' | 'warning' | 'error'> = {
  info: 'note',
  warning: 'warning',
  error: 'error',
};
export const SRCROOT = '%SRCROOT%';

function defaultConfiguration(level: Level) {
  // A rule that is off by default still says at which level it reports once switched on.
  return level === 'off' ? { enabled: false, level: 'note' } : { level: SARIF_LEVEL[level] };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function relativeUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(file: string, cwd: string) {
  const shown = displayPath(file, cwd);
  return path.isAbsolute(shown) ? { uri: pathToFileURL(shown).href } : { uri: relativeUri(shown), uriBaseId: SRCROOT };
}

function toSarif(reports: readonly FileReport[], cwd: string, version: string, problems: readonly string[]) {
  const ruleIndex = new Map(allRules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.rule,
      ruleIndex: ruleIndex.get(d.rule),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(report.file, cwd),
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Dockwright',
            version,
            informationUri: 'https://github.com/dockwright/dockwright',
            rules: allRules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              helpUri: ruleDocUrl(r.id),
              defaultConfiguration: defaultConfiguration(r.defaultLevel),
              properties: { aliases: aliasesOf(r) },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((text) => ({ level: 'error', message: { text } })),
          },
        ],
        results,
      },
    ],
  };
}

export function formatSarif(
  reports: readonly FileReport[],
  cwd: string,
  version: string,
  problems: readonly string[],
): string {
  return JSON.stringify(toSarif(reports, cwd, version, problems), null, 2) + '\n';
}

// The dockwright.* settings of a document, validated by the core, read once per folder until
// they or a .hadolint.yaml change. Problems are shown once each, with the entry that caused them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readRegularFile } from '../../core/files';
import type { Level } from '../../core/types';
import type { CoreBundle } from '../coreBundle';
import type { Log } from '../log';
import { reportsSyntaxErrors } from './syntaxErrorsOwner';
import type { InfoSeverity } from './convert';

const SECTION = 'dockwright';

export interface LintSettings {
  enabled: boolean;
  infoSeverity: InfoSeverity;
  rules: Record<string, Level>;
  hadolintLevels?: Record<string, Level>;
  trustedRegistries?: string[];
}

const HADOLINT_FILES = ['.hadolint.yaml', '.hadolint.yml'];

export class SettingsReader {
  private readonly cache = new Map<string, LintSettings>();
  private readonly shown = new Set<string>();

  constructor(private readonly log: Log) {}

  /** Forgets what was read: the next lint reads the settings and .hadolint.yaml again. */
  invalidate(): void {
    this.cache.clear();
  }

  read(uri: vscode.Uri, core: CoreBundle): LintSettings {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    const hit = this.cache.get(key);
    if (hit) return hit;
    const config = vscode.workspace.getConfiguration(SECTION, uri);
    const problems: string[] = [];
    const rules = core.parseRuleLevels(config.get('rules'), 'dockwright.rules');
    problems.push(...rules.errors);
    // getExtension() knows only enabled extensions
    const syntaxErrors = reportsSyntaxErrors(config.get('syntaxErrors'), (id) => !!vscode.extensions.getExtension(id));
    const settings: LintSettings = {
      enabled: config.get<boolean>('lint.enable', true),
      // anything but `information` is the default: a typo must not bring back the blue underlines
      infoSeverity: config.get('lint.infoSeverity') === 'information' ? 'information' : 'hint',
      rules: syntaxErrors ? rules.levels : { ...rules.levels, 'syntax-error': 'off' as const },
    };
    if (config.get<boolean>('lint.useHadolintConfig', true) && folder?.uri.scheme === 'file') {
      const found = readHadolintConfig(folder.uri.fsPath);
      if (found && 'error' in found) problems.push(`${found.file}: ${found.error}`);
      else if (found) {
        const parsed = core.parseHadolintConfig(found.text, found.file);
        problems.push(...parsed.errors);
        settings.hadolintLevels = parsed.levels;
        settings.trustedRegistries = parsed.trustedRegistries;
      }
    }
    this.report(problems);
    this.cache.set(key, settings);
    return settings;
  }

  private report(problems: string[]): void {
    for (const problem of problems) {
      if (this.shown.has(problem)) continue;
      this.shown.add(problem);
      this.log.info(`settings: ${problem}`);
      void vscode.window.showWarningMessage(`Dockwright: ${problem}. The other entries still apply.`);
    }
  }
}

/** The folder's .hadolint.yaml, read as dockwright lint reads it: a regular file of at most
 * MAX_FILE_BYTES (a FIFO there would hang the extension host, /dev/zero fill its memory). */
function readHadolintConfig(
  folder: string,
): { file: string; text: string } | { file: string; error: string } | undefined {
  for (const name of HADOLINT_FILES) {
    const file = path.join(folder, name);
    if (!fs.existsSync(file)) continue; // absent: try the other spelling
    const read = readRegularFile(file);
    return 'error' in read ? { file, error: read.error } : { file, text: read.bytes.toString('utf8') };
  }
  return undefined;
}

/** Writes a rule's level into the workspace settings (the folder's, in a multi-root workspace). */
export async function setRuleLevel(rule: string, level: Level, uri?: vscode.Uri): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION, uri);
  const inspected = config.inspect<Record<string, Level>>('rules');
  const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const target = !vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Global
    : multiRoot && folder
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : vscode.ConfigurationTarget.Workspace;
  const current =
    target === vscode.ConfigurationTarget.Global
      ? inspected?.globalValue
      : target === vscode.ConfigurationTarget.WorkspaceFolder
        ? inspected?.workspaceFolderValue
        : inspected?.workspaceValue;
  await config.update('rules', { ...current, [rule]: level }, target);
}

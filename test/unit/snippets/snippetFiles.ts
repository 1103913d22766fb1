// The snippets package.json contributes, read the way VS Code reads them, and their expansions.
import fs from 'node:fs';
import path from 'node:path';
import { expandSnippet, type ExpandOptions, type Expansion } from './snippetSyntax';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface SnippetEntry {
  file: string;
  language: string;
  name: string;
  prefixes: string[];
  description: string;
  body: string | string[];
}

interface PackageJson {
  contributes?: {
    snippets?: { language: string; path: string }[];
    languages?: { id: string; filenames?: string[]; filenamePatterns?: string[]; configuration?: string }[];
    grammars?: {
      language?: string;
      scopeName: string;
      path: string;
      injectTo?: string[];
      embeddedLanguages?: Record<string, string>;
    }[];
  };
}

export function packageJson(): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** Every contributed snippet; throws with the file's name when a file is missing or not JSON. */
export function loadSnippets(): SnippetEntry[] {
  const out: SnippetEntry[] = [];
  for (const contribution of packageJson().contributes?.snippets ?? []) {
    const file = path.join(ROOT, contribution.path);
    let json: Record<string, { prefix: string | string[]; body: string | string[]; description?: string }>;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${contribution.path}: ${(error as Error).message}`, { cause: error });
    }
    for (const [name, s] of Object.entries(json)) {
      out.push({
        file: contribution.path,
        language: contribution.language,
        name,
        prefixes: typeof s.prefix === 'string' ? [s.prefix] : (s.prefix ?? []),
        description: s.description ?? '',
        body: s.body,
      });
    }
  }
  return out;
}

export function snippetByPrefix(prefix: string): SnippetEntry {
  const found = loadSnippets().find((s) => s.prefixes.includes(prefix));
  if (!found) throw new Error(`no snippet with prefix ${prefix}`);
  return found;
}

export interface Variant {
  /** What was chosen, for messages: `default`, or `$2=scratch`. */
  label: string;
  expansion: Expansion;
}

/**
 * The snippet with every default accepted, then once more for each other option of each choice
 * (the other choices at their first option): every text a user gets by only picking options.
 */
export function variants(body: string | string[], options: ExpandOptions = {}): Variant[] {
  const first = expandSnippet(body, options);
  const out: Variant[] = [{ label: 'default', expansion: first }];
  for (const [index, choices] of first.choices) {
    for (const option of choices.slice(1)) {
      out.push({
        label: `$${index}=${option}`,
        expansion: expandSnippet(body, { ...options, choose: (i) => (i === index ? option : undefined) }),
      });
    }
  }
  return out;
}

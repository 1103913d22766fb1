// buildx 0.13 cannot list a bake file's targets (`bake --list` came later), and `--print` prints
// only the names it is given. So the block names are looked up in the text (`target "api" {`,
// the keys of a JSON file's `target` and `group`), and buildx then reads the file for what each
// one is; nothing else is taken from the text. No HCL is parsed: a block header is a line that
// starts with one, outside a `/* */` comment that starts a line (`#` and `//` comments start with
// something else). A name found in some other place is one buildx does not know: readBakeFile
// leaves it out when buildx says so.

import { BAKE_NAME } from './definition';

export interface BakeBlockNames {
  targets: string[];
  groups: string[];
}

const HEADER = /^\s*(target|group)\s+(?:"([^"\\]*)"|([A-Za-z_][\w-]*))\s*\{/;

function fromJson(text: string): BakeBlockNames {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // buildx says what is wrong with it when it reads the file
    return { targets: [], groups: [] };
  }
  const keys = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
  const root = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  return { targets: keys(root.target), groups: keys(root.group) };
}

function fromHcl(text: string): BakeBlockNames {
  const names: BakeBlockNames = { targets: [], groups: [] };
  let inComment = false;
  for (const line of text.split(/\r?\n/)) {
    if (inComment) {
      inComment = !line.includes('*/');
      continue;
    }
    // a block comment that starts a line (commented-out blocks are written so) hides what follows
    const opening = /^\s*\/\*/.exec(line);
    if (opening) {
      inComment = !line.slice(opening[0].length).includes('*/');
      continue;
    }
    const header = HEADER.exec(line);
    if (header) (header[1] === 'target' ? names.targets : names.groups).push(header[2] ?? header[3]);
  }
  return names;
}

/** The target and group names a bake file defines, each once, only those buildx allows. */
export function bakeBlockNames(text: string, format: 'hcl' | 'json'): BakeBlockNames {
  const found = format === 'json' ? fromJson(text) : fromHcl(text);
  const clean = (names: string[]) => [...new Set(names.filter((n) => BAKE_NAME.test(n)))];
  return { targets: clean(found.targets), groups: clean(found.groups) };
}

/** `hcl` or `json` by the file's name, as buildx tells them (anything else is read as HCL). */
export function bakeFormat(file: string): 'hcl' | 'json' {
  return /\.json$/i.test(file) ? 'json' : 'hcl';
}

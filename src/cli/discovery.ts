// Finds the Dockerfiles to lint: named files as given, folders searched by Dockerfile names.
import fs from 'node:fs';
import path from 'node:path';
import { rememberListing, type ContextReads } from '../core/context';
import { isDockerfileName } from '../core/dockerfile/names';
import { reason } from '../core/files';

/** Folders that never hold a project's own Dockerfiles and can be huge. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface Found {
  file: string;
  /** The folder being linted: the folder given that holds the file, or a named file's own folder. `--fix` writes nowhere else. */
  root: string;
}

export interface Discovery {
  files: Found[];
  /** One sentence per path that could not be read. */
  errors: string[];
}

/**
 * Files named on the command line are linted whatever their name; folders are searched. The
 * folders' listings go into `reads`, where the build contexts and the `.hadolint.yaml` lookup
 * find them without reading the folders again.
 */
export function discoverDockerfiles(paths: string[], cwd = process.cwd(), reads?: ContextReads): Discovery {
  const files: Found[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, root: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push({ file, root });
  };
  for (const given of paths.length ? paths : ['.']) {
    const full = path.resolve(cwd, given);
    let stat;
    try {
      stat = fs.statSync(full);
    } catch (e) {
      errors.push(`${given}: ${reason(e)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(full, found, errors, reads);
      for (const file of found.sort()) add(file, full);
    } else add(full, path.dirname(full));
  }
  return { files, errors };
}

function walk(dir: string, out: string[], errors: string[], reads: ContextReads | undefined): void {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(`${dir}: ${reason(e)}`);
    return;
  }
  if (reads) rememberListing(dir, entries, reads);
  for (const entry of entries) {
    // Symbolic links to folders are not followed: they can loop.
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(path.join(dir, entry.name), out, errors, reads);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isDockerfileName(entry.name)) {
      // A link is read only if it leads to a regular file; readDockerfile says why not otherwise.
      out.push(path.join(dir, entry.name));
    }
  }
}

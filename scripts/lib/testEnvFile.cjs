// The test environment's env file, read in one place. scripts/test-env/setup.sh writes
// $DOCKWRIGHT_TEST_BASE/env.sh (/tmp/dockwright-test-env/env.sh by default) as lines of
// `export NAME=value`, for `source` in a shell; scripts/test.mjs, the benches and the integration
// tests read it here instead, so that all of them take the same variables with the same quoting.
//
// A value is read as the shell reads one word, without expansion: 'single quotes' keep everything
// as written, "double quotes" take \" \\ \$ \` as escapes, a backslash outside quotes escapes the
// next character, and the parts join up ('a'"b"c is abc). Whitespace outside quotes ends the value;
// after it only a # comment may follow. `$` is kept as written: setup.sh writes values already
// expanded. Lines that are not such an export (comments, blank lines, other commands, an
// unterminated quote, a lower-case name) are left out.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const DEFAULT_TEST_BASE = '/tmp/dockwright-test-env';
const EXPORT_LINE = /^export[ \t]+([A-Z_][A-Z0-9_]*)=(.*)$/;
const DOUBLE_QUOTE_ESCAPES = '"\\$`';

/**
 * The env file's path: env.sh in $DOCKWRIGHT_TEST_BASE, or in /tmp/dockwright-test-env when that
 * is unset or empty (as setup.sh's `${DOCKWRIGHT_TEST_BASE:-…}` takes it).
 * @param {NodeJS.ProcessEnv} [env]
 */
function testEnvFilePath(env = process.env) {
  return path.join(env.DOCKWRIGHT_TEST_BASE || DEFAULT_TEST_BASE, 'env.sh');
}

/** The shell word at the start of `text`, unquoted; undefined when a quote is left open or more follows. */
function readWord(text) {
  let value = '';
  let i = 0;
  while (i < text.length && !/[ \t]/.test(text[i])) {
    const c = text[i];
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return undefined;
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === '"') break;
        if (text[i] === '\\' && DOUBLE_QUOTE_ESCAPES.includes(text[i + 1] ?? '')) i++;
        value += text[i++];
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return undefined;
      value += text[i + 1];
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  const rest = text.slice(i).trim();
  return rest === '' || rest.startsWith('#') ? value : undefined;
}

/**
 * [name, value] of an `export NAME=value` line; undefined for any other line.
 * @param {string} line
 * @returns {[string, string] | undefined}
 */
function parseExportLine(line) {
  const m = EXPORT_LINE.exec(line.trim());
  if (!m) return undefined;
  const value = readWord(m[2]);
  return value === undefined ? undefined : [m[1], value];
}

/**
 * Every variable the text's export lines set, in file order (a later line wins).
 * @param {string} text
 * @returns {Record<string, string>}
 */
function parseTestEnv(text) {
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const pair = parseExportLine(line);
    if (pair) vars[pair[0]] = pair[1];
  }
  return vars;
}

/**
 * Puts the env file's variables into `env` (process.env unless told). A variable already set keeps
 * its value unless `override` is true. Returns false, changing nothing, when there is no file.
 * @param {{ file?: string, override?: boolean, env?: NodeJS.ProcessEnv }} [options]
 */
function loadTestEnvFile({ file = testEnvFilePath(), override = false, env = process.env } = {}) {
  if (!fs.existsSync(file)) return false;
  for (const [name, value] of Object.entries(parseTestEnv(fs.readFileSync(file, 'utf8')))) {
    if (override || env[name] === undefined) env[name] = value;
  }
  return true;
}

module.exports = { DEFAULT_TEST_BASE, testEnvFilePath, parseExportLine, parseTestEnv, loadTestEnvFile };

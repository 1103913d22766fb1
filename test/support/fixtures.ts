// Larger rule inputs and their fixed forms live in test/fixtures/<rule>/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of test/fixtures/<rule>/<name>. */
export function fixture(rule: string, name: string): string {
  return readFileSync(join(__dirname, '../fixtures', rule, name), 'utf8');
}

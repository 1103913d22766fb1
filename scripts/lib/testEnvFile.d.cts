// Types of testEnvFile.cjs, for the TypeScript that reads the test environment's env file.

/** /tmp/dockwright-test-env: where scripts/test-env/setup.sh works unless DOCKWRIGHT_TEST_BASE says otherwise. */
export declare const DEFAULT_TEST_BASE: string;

/** env.sh in $DOCKWRIGHT_TEST_BASE, or in DEFAULT_TEST_BASE when that is unset or empty. */
export declare function testEnvFilePath(env?: NodeJS.ProcessEnv): string;

/** [name, value] of an `export NAME=value` line, the value unquoted as the shell would; undefined for any other line. */
export declare function parseExportLine(line: string): [string, string] | undefined;

/** Every variable the text's export lines set, in file order (a later line wins). */
export declare function parseTestEnv(text: string): Record<string, string>;

/**
 * Puts the env file's variables into `env` (process.env unless told); a variable already set keeps
 * its value unless `override`. Returns false, changing nothing, when there is no file.
 */
export declare function loadTestEnvFile(options?: {
  file?: string;
  override?: boolean;
  env?: NodeJS.ProcessEnv;
}): boolean;

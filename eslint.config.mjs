import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'out/**', '*.vsix', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['child_process', 'node:child_process'],
              message: 'Start processes with execa and an argument array.',
            },
          ],
        },
      ],
    },
  },
  // The boundaries between the three trees. In a flat config each block's no-restricted-imports
  // replaces the one before, so each repeats the child_process rule.
  restrictImports(['src/core/**/*.ts'], 'src/core', { vscode: true, cli: true, adapters: true }),
  restrictImports(['src/cli/**/*.ts', 'src/cli.ts'], 'src/cli', { vscode: true, adapters: true }),
  restrictImports(['src/vscode/**/*.ts', 'src/extension.ts'], 'src/vscode', { cli: true }),
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

/** A block that keeps `tree` from importing vscode, the CLI or the editor adapters. */
function restrictImports(files, tree, banned) {
  const patterns = [
    { group: ['child_process', 'node:child_process'], message: 'Start processes with execa and an argument array.' },
  ];
  if (banned.cli)
    patterns.push({
      group: ['**/cli', '**/cli/**', '**/cli.ts'],
      message: `${tree} must not import the command line: move what both use into src/core.`,
    });
  if (banned.adapters)
    patterns.push({ group: ['**/vscode/**'], message: `${tree} must not import the VS Code adapters.` });
  const paths = banned.vscode
    ? [{ name: 'vscode', message: `${tree} must not import vscode: put editor code in src/vscode.` }]
    : [];
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

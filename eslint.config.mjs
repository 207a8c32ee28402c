import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '**/cdktf.out/**', '**/.terraform/**', 'dist/**', 'coverage/**', '.gen/**', '.sim/**', '.terraform-mirror/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['cdktf', 'cdktf/*', '@cdktf/*', 'constructs'], message: 'cdktf imports belong in constructs/ and stacks/ only.' },
        { group: ['msw', 'msw/*', '**/mocks/**'], message: 'shipped code never imports the emulator.' },
      ] }],
    },
  },
  {
    // The test harness ships to users' test runners; it drives synthesized stacks, never cdktf itself.
    files: ['testing/**/*.ts', 'mocks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['cdktf', 'cdktf/*', '@cdktf/*', 'constructs'], message: 'cdktf imports belong in constructs/ and stacks/ only.' },
      ] }],
    },
  },
  {
    files: ['constructs/**/*.ts', 'stacks/**/*.ts'],
    rules: {
      // `paths` matches the bare module only; a `patterns` group would also match the deep paths we want.
      'no-restricted-imports': ['error', { paths: [
        { name: '@cdktf/provider-aws', message: 'import @cdktf/provider-aws by deep path (@cdktf/provider-aws/lib/<name>): the root import costs 2.3 s and 550 MB.' },
      ] }],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } } },
);

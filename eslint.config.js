import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'examples/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The library does no terminal I/O: only the CLI, scripts, benchmarks and tests may print or exit.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'The library never exits; throw a SummonError.' },
        { object: 'process', property: 'stdout', message: 'The library does no terminal I/O; emit an event.' },
        { object: 'process', property: 'stderr', message: 'The library does no terminal I/O; emit an event.' },
        { object: 'process', property: 'argv', message: 'The library reads no argv; take an argument.' },
      ],
    },
  },
  { files: ['src/cli/**', 'scripts/**', 'bench/**', 'test/**', 'bin/**'], rules: { 'no-console': 'off' } },
  // The launcher is CommonJS on purpose: it starts the bundle through V8's code cache. Test preloads
  // (NODE_OPTIONS=--require) are CommonJS by necessity.
  { files: ['bin/*.cjs', 'test/**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);

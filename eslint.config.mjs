// Shared lint rules for every workspace. Type-aware so floating promises and
// non-exhaustive switches are caught, the two bugs that hurt a consumer loop most.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'apps/console/src/gql/**',
      '**/dist/**',
      '**/coverage/**',
      '**/node_modules/**',
      '**/*.mjs',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'error',
    },
  },
  {
    // Rules must stay pure: no framework, driver or clock-bound library in the domain.
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'class-validator', '@inner-circle/*'] },
      ],
    },
  },
  {
    // Only repositories (in the persistence package) talk to TypeORM.
    // The PostgreSQL event transport is a driver of its own (like kafkajs beside it), not a repository.
    files: [
      'apps/*/src/**/*.ts',
      'packages/worker-runtime/src/**/*.ts',
      'packages/messaging/src/**/*.ts',
      'packages/contracts/src/**/*.ts',
    ],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**', 'packages/messaging/src/postgres/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['typeorm', 'pg'] }],
    },
  },
  {
    // Business time ("what time is it" for rules and records) comes from the injected Clock
    // (nest-runtime's CLOCK), so tests move it instead of sleeping; durations use performance.now().
    files: [
      'apps/api/src/**/*.ts',
      'apps/worker/src/**/*.ts',
      'packages/domain/src/**/*.ts',
      'packages/messaging/src/**/*.ts',
      'packages/nest-runtime/src/**/*.ts',
      'packages/persistence/src/**/*.ts',
      'packages/worker-runtime/src/**/*.ts',
    ],
    ignores: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      '**/__tests__/**',
      'packages/nest-runtime/src/clock/clock.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'Read the injected Clock (CLOCK from @inner-circle/nest-runtime), or take `now` as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'performance.now() for durations; the injected Clock for business time.',
        },
      ],
    },
  },
  {
    // Persistence stores rows: events are built by the services that produce them (contracts' builders)
    // and written through OutboxRepository, so it needs nothing of the contracts.
    files: ['packages/persistence/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@inner-circle/contracts', message: 'Build events in the producing service.' }] },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
);

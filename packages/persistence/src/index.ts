export * from './entities/index.js';
export {
  createDataSource,
  migrateDatabase,
  runMigrations,
  type DatabaseOptions,
} from './create-data-source.js';
export * from './repositories/index.js';
export { TransactionRunner, type Transaction } from './transaction-runner.js';
export { toTierDefinition, toTierLadder } from './mappers/tier-ladder.mapper.js';
export { toDomainInteraction } from './mappers/interaction.mapper.js';

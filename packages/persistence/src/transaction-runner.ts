import type { DataSource, EntityManager } from 'typeorm';

/** Opaque to services: they pass it from one repository call to the next, never use it. */
export type Transaction = EntityManager;

export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Runs `work` without a transaction, each statement on its own (autocommit): for one read that
   * needs no snapshot shared with another statement and takes no lock, where `run` would add a
   * BEGIN and a COMMIT round trip (three statements for one).
   */
  outside<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }
}

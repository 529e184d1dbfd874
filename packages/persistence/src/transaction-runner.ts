import type { DataSource, EntityManager } from 'typeorm';

/** Opaque to services: they pass it from one repository call to the next, never use it. */
export type Transaction = EntityManager;

export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

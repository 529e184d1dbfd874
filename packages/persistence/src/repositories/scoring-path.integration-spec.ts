import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../test/fresh-database';
import { createDataSource, runMigrations } from '../create-data-source';
import { TransactionRunner } from '../transaction-runner';
import { BusinessRepository } from './business.repository';
import { CustomerRepository } from './customer.repository';
import { InteractionRepository, interactionDedupeKey } from './interaction.repository';

describe('scoring-path repositories on a real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createFreshDatabase>>;
  let dataSource: DataSource;
  let transactions: TransactionRunner;
  let customers: CustomerRepository;
  let businessId: string;

  beforeAll(async () => {
    database = await createFreshDatabase();
    dataSource = createDataSource({ url: database.url, poolSize: 4 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    transactions = new TransactionRunner(dataSource);
    customers = new CustomerRepository(dataSource);
    businessId = (await new BusinessRepository(dataSource).create({ name: 'Test café' })).id;
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('creates unknown customers once and returns them locked, with their state', async () => {
    const first = await transactions.run((tx) =>
      customers.lockOrCreateByRefs(tx, businessId, ['ann', 'bob']),
    );
    const again = await transactions.run((tx) =>
      customers.lockOrCreateByRefs(tx, businessId, ['bob', 'cid']),
    );
    expect(first.map((c) => c.externalRef).sort()).toEqual(['ann', 'bob']);
    expect(again.find((c) => c.externalRef === 'bob')?.customerId).toBe(
      first.find((c) => c.externalRef === 'bob')?.customerId,
    );
    const [{ count }] = await dataSource.query(
      'SELECT count(*)::int AS count FROM customers WHERE business_id = $1',
      [businessId],
    );
    expect(count).toBe(3);
  });

  it('inserts an interaction id once and reports only the new ones', async () => {
    const [ann] = await transactions.run((tx) => customers.lockOrCreateByRefs(tx, businessId, ['ann']));
    const row = (id: string) => ({
      businessId,
      id,
      customerId: ann.customerId,
      type: 'VISIT',
      occurredAt: new Date('2026-11-01T10:00:00Z'),
      amount: null,
      currency: null,
      rating: null,
      comment: null,
      referredCustomerRef: null,
      campaignId: null,
    });
    const interactions = new InteractionRepository();
    const first = await transactions.run((tx) => interactions.insertNew(tx, [row('i-1'), row('i-2')]));
    const second = await transactions.run((tx) => interactions.insertNew(tx, [row('i-2'), row('i-3')]));
    expect([...first].sort()).toEqual([
      interactionDedupeKey(businessId, 'i-1'),
      interactionDedupeKey(businessId, 'i-2'),
    ]);
    expect([...second]).toEqual([interactionDedupeKey(businessId, 'i-3')]);
  });

  it('writes a batch of score updates in one statement', async () => {
    const rows = await transactions.run((tx) => customers.lockOrCreateByRefs(tx, businessId, ['ann', 'bob']));
    const asOf = new Date('2026-11-02T00:00:00Z');
    await transactions.run((tx) =>
      customers.updateScores(
        tx,
        businessId,
        rows.map((customer, index) => ({
          id: customer.customerId,
          score: 10 + index,
          scoreAsOf: asOf,
          scoreState: { points: 10 + index },
          scoreKey: 1,
          lastInteractionAt: asOf,
        })),
      ),
    );
    expect((await customers.findScore(businessId, 'ann'))?.score).toBe(
      rows[0].externalRef === 'ann' ? 10 : 11,
    );
    expect((await customers.findScore(businessId, 'bob'))?.score).toBe(
      rows[0].externalRef === 'bob' ? 10 : 11,
    );
  });

  it('never writes a score onto another business’s customer', async () => {
    const [ann] = await transactions.run((tx) => customers.lockOrCreateByRefs(tx, businessId, ['ann']));
    const before = await customers.findScore(businessId, 'ann');
    const otherBusinessId = (await new BusinessRepository(dataSource).create({ name: 'Other café' })).id;
    await transactions.run((tx) =>
      customers.updateScores(tx, otherBusinessId, [
        {
          id: ann.customerId,
          score: 999,
          scoreAsOf: null,
          scoreState: {},
          scoreKey: -Infinity,
          lastInteractionAt: null,
        },
      ]),
    );
    expect(await customers.findScore(businessId, 'ann')).toEqual(before);
  });
});

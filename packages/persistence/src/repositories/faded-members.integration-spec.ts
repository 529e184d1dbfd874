import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../test/fresh-database';
import { tier } from '../../test/new-tier';
import { createDataSource, runMigrations } from '../create-data-source';
import { TransactionRunner } from '../transaction-runner';
import { BusinessRepository } from './business.repository';
import { CustomerRepository } from './customer.repository';
import { TierEvaluationRepository } from './tier-evaluation.repository';
import { TierRepository } from './tier.repository';

// The sweep's search for members whose score faded below their tier's retain score: a range of
// customers_business_tier_score_key per tier (issue 14, round 4), which must find exactly the
// faded members of each tier, and page through them so the sweep's loop reaches them all.
describe('TierEvaluationRepository.findDecayedBelowRetain on a real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createFreshDatabase>>;
  let dataSource: DataSource;
  let transactions: TransactionRunner;
  const evaluation = new TierEvaluationRepository();

  beforeAll(async () => {
    database = await createFreshDatabase();
    dataSource = createDataSource({ url: database.url, poolSize: 4 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    transactions = new TransactionRunner(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('finds exactly the members below their own tier’s retain key, and pages through them', async () => {
    const businesses = new BusinessRepository(dataSource);
    const { id: businessId } = await businesses.create({ name: 'Café', timeZone: 'UTC' });
    const { id: otherBusinessId } = await businesses.create({ name: 'Other', timeZone: 'UTC' });
    const [low, high] = await new TierRepository(dataSource).createMany(businessId, [
      tier('Regulars', 1),
      tier('Friends', 2),
    ]);
    const refs = Array.from({ length: 40 }, (_, i) => `c-${String(i).padStart(2, '0')}`);
    const customers = await transactions.run((tx) =>
      new CustomerRepository(dataSource).lockOrCreateByRefs(tx, businessId, refs),
    );
    await transactions.run((tx) =>
      new CustomerRepository(dataSource).lockOrCreateByRefs(tx, otherBusinessId, ['stranger']),
    );
    // Keys 0..39; the first half in Regulars (retain key 5), the second in Friends (retain key 15);
    // a member in grace, one locked and one erased are never the sweep's to fade.
    const ids = customers.map((c) => c.customerId);
    await dataSource.query(
      `UPDATE customers c SET score_key = v.key, tier_id = CASE WHEN v.key < 20 THEN $2::uuid ELSE $3::uuid END
         FROM unnest($1::uuid[], $4::float8[]) AS v(id, key) WHERE c.id = v.id`,
      [ids, low.id, high.id, ids.map((_, i) => i)],
    );
    await dataSource.query("UPDATE customers SET grace_until = now() + interval '1 day' WHERE id = $1", [
      ids[1],
    ]);
    await dataSource.query('UPDATE customers SET lock_tier_id = $2 WHERE id = $1', [ids[21], high.id]);
    await dataSource.query('UPDATE customers SET erased_at = now() WHERE id = $1', [ids[2]]);
    await dataSource.query(`UPDATE customers SET score_key = 0, tier_id = NULL WHERE business_id = $1`, [
      otherBusinessId,
    ]);

    const retainKeys = new Map([
      [low.id, 5],
      [high.id, 25],
    ]);
    // Regulars below 5: keys 0, 3, 4 (1 in grace, 2 erased); Friends below 25: 20, 22, 23, 24 (21 locked).
    const expected = [0, 3, 4, 20, 22, 23, 24].map((i) => ids[i]).sort();
    const all = await transactions.run((tx) =>
      evaluation.findDecayedBelowRetain(businessId, retainKeys, 100, tx),
    );
    expect([...all].sort()).toEqual(expected);

    // Paged as the sweep pages: each page's members leave the search (here: their tier), the next
    // page finds the rest, and the pages together are the whole set.
    const seen: string[] = [];
    for (let page = 0; page < 10; page++) {
      const found = await transactions.run((tx) =>
        evaluation.findDecayedBelowRetain(businessId, retainKeys, 3, tx),
      );
      expect(found.length).toBeLessThanOrEqual(3);
      if (!found.length) break;
      seen.push(...found);
      await dataSource.query('UPDATE customers SET tier_id = NULL WHERE id = ANY($1::uuid[])', [found]);
    }
    expect(seen.sort()).toEqual(expected);
  });
});

import { defaultScoringSettings, rankKeyForScore, TierMoveDirection } from '@inner-circle/domain';
import { ApiKeyRepository, TierMoveRepository, TransactionRunner } from '@inner-circle/persistence';
import { DataSource } from 'typeorm';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { API_EVENT_SOURCE } from '../src/common/event-source';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions
type Json = any;

interface TierData {
  id: string;
  name: string;
  rank: number;
  capacity: number | null;
  members: number;
  capacityUsed: number | null;
  capacityRemaining: number | null;
  admissionQuota: { limit: number; period: string } | null;
  admissionMode: string;
  quotaUsedThisPeriod: number | null;
}
interface LadderData {
  version: number;
  timeZone: string;
  tiers: TierData[];
}

const TIER_FIELDS = `id name rank entryScore retainScore capacity members capacityUsed capacityRemaining
  admissionQuota { limit period } admissionMode quotaUsedThisPeriod graceDays benefits`;
const SET_LADDER = `mutation($input: SetTierLadderInput!) { setTierLadder(input: $input) { version timeZone tiers { ${TIER_FIELDS} } } }`;
const LADDER = `{ tierLadder { version timeZone tiers { ${TIER_FIELDS} } } }`;
const SIMULATE = `query($input: SetTierLadderInput!) { simulateTierLadder(input: $input) {
  movements { fromTier { id name rank } toTier { id name rank } count }
  tiers { id name rank members capacity waitlisted }
  downgradedCount upgradedCount unchangedCount lockedCount } }`;
const LOCK = `mutation($input: LockCustomerTierInput!) { lockCustomerTier(input: $input) {
  customerId locked until reason tier { id name members } } }`;
const UNLOCK = `mutation($customerId: ID!, $reason: String) { unlockCustomerTier(customerId: $customerId, reason: $reason) {
  customerId locked tier { id } until reason } }`;

const CAFE_LADDER = {
  timeZone: 'Europe/Paris',
  tiers: [
    { name: 'Regulars', rank: 1, entryScore: 5, retainScore: 3, graceDays: 0 },
    { name: 'Friends', rank: 2, entryScore: 20, retainScore: 15, graceDays: 14, benefits: 'Free refill' },
    {
      name: 'Inner Circle',
      rank: 3,
      entryScore: 50,
      retainScore: 40,
      graceDays: 30,
      capacity: 2,
      admissionQuota: { limit: 5, period: 'WEEK' },
    },
  ],
};

describe('tiers over HTTP GraphQL on real PostgreSQL', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApiTestApp({}, { embeddedWorker: false });
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function setLadder(key: string, input: unknown = CAFE_LADDER): Promise<LadderData> {
    const response = await api.graphql<{ setTierLadder: LadderData }>(SET_LADDER, {
      key,
      variables: { input },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.setTierLadder;
  }

  async function readLadder(key: string): Promise<LadderData> {
    const response = await api.graphql<{ tierLadder: LadderData }>(LADDER, { key });
    expect(response.errors).toBeUndefined();
    return response.data!.tierLadder;
  }

  async function createCustomer(
    businessId: string,
    ref: string,
    fields: { score?: number; waitlistedFor?: string; qualifiedAt?: Date } = {},
  ): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO customers (business_id, external_ref, name, score, score_key, waitlisted_for_tier_id, qualified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        businessId,
        ref,
        `Customer ${ref}`,
        fields.score ?? 0,
        // The score as of now: what waitlists, sorting and simulations read.
        rankKeyForScore(fields.score ?? 0, new Date(), defaultScoringSettings),
        fields.waitlistedFor ?? null,
        fields.qualifiedAt ?? null,
      ],
    );
    return row.id;
  }

  /** Seats a customer through the one tier-move writer, as a plan of the worker would. */
  async function seat(businessId: string, customerId: string, tierId: string, countsAsAdmission = false) {
    const [result] = await api.app.get(TransactionRunner).run((tx) =>
      api.app.get(TierMoveRepository).applyCheckedMoves(tx, {
        businessId,
        timeZone: 'UTC',
        tiers: new Map(),
        moves: [
          {
            businessId,
            customerId,
            fromTierId: null,
            toTierId: tierId,
            direction: TierMoveDirection.UP,
            reason: 'QUALIFIED',
            score: 60,
            ladderVersion: 1,
            countsAsAdmission,
            ignoreCapacity: false,
            at: new Date(),
          },
        ],
      }),
    );
    expect(result.changed).toBe(true);
  }

  const keyIdOf = async (key: string) =>
    (await api.app.get(ApiKeyRepository).findActiveCredential(key.split('_')[1]))!.id;
  const auditRows = (businessId: string) =>
    db.query(
      'SELECT action, actor_key_id, target_id, details FROM audit_log WHERE business_id = $1 ORDER BY at',
      [businessId],
    );
  const customerRow = async (id: string) =>
    (
      await db.query(
        'SELECT tier_id, lock_tier_id, lock_until, lock_reason, grace_until, waitlisted_for_tier_id FROM customers WHERE id = $1',
        [id],
      )
    )[0];

  describe('setTierLadder and tierLadder', () => {
    it('creates the ladder, bumps the version, audits, and reads it back with per-tier fields', async () => {
      const { businessId, key } = await api.createBusiness('Café', [ApiKeyScope.TiersWrite]);

      const ladder = await setLadder(key);

      expect(ladder.version).toBe(1);
      expect(ladder.timeZone).toBe('Europe/Paris');
      expect(ladder.tiers.map((t) => [t.name, t.rank])).toEqual([
        ['Regulars', 1],
        ['Friends', 2],
        ['Inner Circle', 3],
      ]);
      expect(ladder.tiers[2]).toMatchObject({
        capacity: 2,
        members: 0,
        capacityUsed: 0,
        capacityRemaining: 2,
        admissionQuota: { limit: 5, period: 'WEEK' },
        quotaUsedThisPeriod: 0,
      });
      expect(ladder.tiers[0]).toMatchObject({
        capacityUsed: null,
        capacityRemaining: null,
        admissionQuota: null,
        quotaUsedThisPeriod: null,
      });
      expect(await readLadder(key)).toEqual(ladder);
      const audit = await auditRows(businessId);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'tier_ladder.set',
          actor_key_id: await keyIdOf(key),
          target_id: businessId,
        }),
      ]);
      expect(audit[0].details).toMatchObject({ version: 1, archivedTierIds: [] });
    });

    it('updates kept tiers in place (even swapping ranks), creates new ones and archives omitted ones', async () => {
      const { businessId, key } = await api.createBusiness('Café');
      const first = await setLadder(key);
      const [regulars, friends, innerCircle] = first.tiers;
      const customerId = await createCustomer(businessId, 'ann', { score: 60 });
      await seat(businessId, customerId, innerCircle.id);

      const second = await setLadder(key, {
        tiers: [
          { id: friends.id, name: 'Friends', rank: 1, entryScore: 10, retainScore: 8, graceDays: 7 },
          { id: regulars.id, name: 'Regulars+', rank: 2, entryScore: 25, retainScore: 20, graceDays: 0 },
          { name: 'VIP', rank: 3, entryScore: 80, retainScore: 70, graceDays: 30, capacity: 10 },
        ],
      });

      expect(second.version).toBe(2);
      expect(second.timeZone).toBe('Europe/Paris');
      expect(second.tiers.map((t) => [t.id, t.name, t.rank])).toEqual([
        [friends.id, 'Friends', 1],
        [regulars.id, 'Regulars+', 2],
        [expect.any(String), 'VIP', 3],
      ]);
      expect(second.tiers.map((t) => t.id)).not.toContain(innerCircle.id);
      const business = await api.graphql<{ business: { tiers: { id: string }[] } }>(
        '{ business { tiers { id } } }',
        {
          key,
        },
      );
      expect(business.data?.business.tiers.map((t) => t.id)).toEqual(second.tiers.map((t) => t.id));
      const [archived] = await db.query('SELECT archived_at, member_count, rank FROM tiers WHERE id = $1', [
        innerCircle.id,
      ]);
      // Members of an archived tier keep their seat until the worker re-places them.
      expect(archived).toMatchObject({ archived_at: expect.any(Date), member_count: 1, rank: 3 });
    });

    it('lets a capacity drop below the members: they stay, and capacityRemaining is 0', async () => {
      const { businessId, key } = await api.createBusiness('Café');
      const [, , innerCircle] = (await setLadder(key)).tiers;
      for (const ref of ['a', 'b'])
        await seat(businessId, await createCustomer(businessId, ref), innerCircle.id);
      const ids = (await readLadder(key)).tiers.map((t) => t.id);
      const tiers = CAFE_LADDER.tiers.map((t, i) => ({
        ...t,
        id: ids[i],
        ...(i === 2 ? { capacity: 1 } : {}),
      }));

      const ladder = await setLadder(key, { tiers });

      expect(ladder.tiers[2]).toMatchObject({
        capacity: 1,
        members: 2,
        capacityUsed: 2,
        capacityRemaining: 0,
      });
    });

    it('reports every ladder problem at once with its argument path, and changes nothing', async () => {
      const { key } = await api.createBusiness('Café');
      const before = await setLadder(key);

      const response = await api.graphql(SET_LADDER, {
        key,
        variables: {
          input: {
            tiers: [
              { name: 'Regulars', rank: 1, entryScore: 5, retainScore: 9, graceDays: 0 },
              { name: 'Friends', rank: 1, entryScore: 20, retainScore: 15, graceDays: 0 },
              { name: 'Inner Circle', rank: 3, entryScore: 50, retainScore: 40, graceDays: 0, capacity: -1 },
            ],
          },
        },
      });

      expect(response.data).toBeNull();
      const [error] = response.errors!;
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      const fieldErrors = error.extensions.fieldErrors as { field: string; code: string }[];
      expect(fieldErrors.length).toBeGreaterThanOrEqual(3);
      expect(fieldErrors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'input.tiers.0.retainScore', code: 'RETAIN_ABOVE_ENTRY' }),
          expect.objectContaining({ field: 'input.tiers.1.rank', code: 'DUPLICATE_RANK' }),
          expect.objectContaining({ field: 'input.tiers.2.capacity', code: 'INVALID_CAPACITY' }),
        ]),
      );
      expect(await readLadder(key)).toEqual(before);
    });

    it('rejects malformed shapes before the rules (class-validator), with the field path', async () => {
      const { key } = await api.createBusiness('Café');
      const response = await api.graphql(SET_LADDER, {
        key,
        variables: {
          input: { tiers: [{ ...CAFE_LADDER.tiers[0], name: 'x'.repeat(101), id: 'not-a-uuid' }] },
        },
      });
      expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(
        (response.errors?.[0]?.extensions.fieldErrors as { field: string }[]).map((e) => e.field),
      ).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/tiers\.0\.id$/),
          expect.stringMatching(/tiers\.0\.name$/),
        ]),
      );
    });

    it('needs tiers:write to change the ladder, while any valid key reads it', async () => {
      const { key } = await api.createBusiness('Café', [ApiKeyScope.CustomersRead]);
      const response = await api.graphql(SET_LADDER, { key, variables: { input: CAFE_LADDER } });
      expect(response.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(await readLadder(key)).toEqual({ version: 0, timeZone: 'UTC', tiers: [] });
      const anonymous = await api.graphql(LADDER);
      expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('admits in ROUNDS only with a quota, which the ladder says next to the field', async () => {
      const { key } = await api.createBusiness();
      const rounds = { ...CAFE_LADDER.tiers[2], admissionMode: 'ROUNDS' };
      const withoutQuota = await api.graphql(SET_LADDER, {
        key,
        variables: {
          input: {
            ...CAFE_LADDER,
            tiers: [...CAFE_LADDER.tiers.slice(0, 2), { ...rounds, admissionQuota: null }],
          },
        },
      });
      expect(withoutQuota.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(withoutQuota.errors?.[0]?.extensions.fieldErrors).toEqual([
        expect.objectContaining({ field: 'input.tiers.2.admissionMode', code: 'ROUNDS_NEED_QUOTA' }),
      ]);
      const ladder = await setLadder(key, {
        ...CAFE_LADDER,
        tiers: [...CAFE_LADDER.tiers.slice(0, 2), rounds],
      });
      expect(ladder.tiers.map((tier) => tier.admissionMode)).toEqual(['CONTINUOUS', 'CONTINUOUS', 'ROUNDS']);
      expect((await readLadder(key)).tiers[2].admissionMode).toBe('ROUNDS');
    });

    it('keeps businesses apart: another business can neither see nor keep (edit) the first one’s tiers', async () => {
      const owner = await api.createBusiness('Owner');
      const intruder = await api.createBusiness('Intruder');
      const before = await setLadder(owner.key);

      const response = await api.graphql(SET_LADDER, {
        key: intruder.key,
        variables: {
          input: { tiers: [{ ...CAFE_LADDER.tiers[0], id: before.tiers[0].id, name: 'Hijacked' }] },
        },
      });

      expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions.fieldErrors).toEqual([
        expect.objectContaining({ field: 'input.tiers.0.id', code: 'UNKNOWN_TIER' }),
      ]);
      expect(await readLadder(intruder.key)).toEqual({ version: 0, timeZone: 'UTC', tiers: [] });
      const tiers = await api.graphql<{ tiers: { id: string }[] }>('{ tiers { id } }', { key: intruder.key });
      expect(tiers.data?.tiers).toEqual([]);
      expect(await readLadder(owner.key)).toEqual(before);
    });
  });

  describe('per-tier fields', () => {
    it('counts admissions of the current period and ranks the waitlist (score desc, earliest first), paginated', async () => {
      const { businessId, key } = await api.createBusiness('Café');
      const [, , innerCircle] = (await setLadder(key)).tiers;
      await seat(businessId, await createCustomer(businessId, 'seated'), innerCircle.id, true);
      const early = new Date('2026-01-01T10:00:00Z');
      const late = new Date('2026-01-02T10:00:00Z');
      const waiting = {
        low: await createCustomer(businessId, 'low', {
          score: 51,
          waitlistedFor: innerCircle.id,
          qualifiedAt: early,
        }),
        late: await createCustomer(businessId, 'late', {
          score: 70,
          waitlistedFor: innerCircle.id,
          qualifiedAt: late,
        }),
        early: await createCustomer(businessId, 'early', {
          score: 70,
          waitlistedFor: innerCircle.id,
          qualifiedAt: early,
        }),
      };
      const query = `query($after: String) { tierLadder { tiers { name members quotaUsedThisPeriod
        waitlist(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { cursor node { rank score qualifiedAt customer { id externalRef } } } } } } }`;

      const first = await api.graphql<{ tierLadder: { tiers: Json[] } }>(query, { key });
      expect(first.errors).toBeUndefined();
      const tier = first.data!.tierLadder.tiers[2];
      expect(tier).toMatchObject({ name: 'Inner Circle', members: 1, quotaUsedThisPeriod: 1 });
      expect(tier.waitlist.totalCount).toBe(3);
      // Scores as of now: a hair under 70 since the rows were written.
      expect(
        tier.waitlist.edges.map((e: Json) => [
          e.node.rank,
          e.node.customer.id,
          Number(e.node.score.toFixed(3)),
        ]),
      ).toEqual([
        [1, waiting.early, 70],
        [2, waiting.late, 70],
      ]);
      expect(tier.waitlist.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(first.data!.tierLadder.tiers[0].waitlist).toMatchObject({ totalCount: 0, edges: [] });

      const second = await api.graphql<{ tierLadder: { tiers: Json[] } }>(query, {
        key,
        variables: { after: tier.waitlist.pageInfo.endCursor },
      });
      const next = second.data!.tierLadder.tiers[2].waitlist;
      expect(next.edges.map((e: Json) => [e.node.rank, e.node.customer.externalRef])).toEqual([[3, 'low']]);
      expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(next.totalCount).toBe(3);
    });

    it('resolves quota and waitlist fields of a whole ladder in one batch, not one query per tier', async () => {
      const { key } = await api.createBusiness('Café');
      await setLadder(key, {
        tiers: [1, 2, 3, 4, 5].map((rank) => ({
          name: `T${rank}`,
          rank,
          entryScore: rank * 10,
          retainScore: rank * 10,
          graceDays: 0,
          admissionQuota: { limit: 3, period: rank % 2 ? 'WEEK' : 'MONTH' },
        })),
      });
      const spy = jest.spyOn(db, 'query');
      try {
        const response = await api.graphql(
          '{ tierLadder { tiers { quotaUsedThisPeriod waitlist(first: 5) { totalCount edges { node { rank } } } } } }',
          { key },
        );
        expect(response.errors).toBeUndefined();
        const statements = spy.mock.calls.map(([sql]) => String(sql));
        expect(statements.filter((sql) => sql.includes('tier_admissions'))).toHaveLength(1);
        expect(statements.filter((sql) => sql.includes('waitlisted_for_tier_id = ANY'))).toHaveLength(2);
      } finally {
        spy.mockRestore();
      }
    });

    it('needs customers:read for the waitlist and rejects a forged cursor', async () => {
      const { key } = await api.createBusiness('Café', [ApiKeyScope.TiersWrite]);
      await setLadder(key);
      const forbidden = await api.graphql('{ tierLadder { tiers { waitlist { totalCount } } } }', { key });
      expect(forbidden.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

      const reader = await api.createBusiness('Café', [ApiKeyScope.TiersWrite, ApiKeyScope.CustomersRead]);
      await setLadder(reader.key);
      const forged = Buffer.from(JSON.stringify([1, "1' OR 1=1", 'x'])).toString('base64url');
      const response = await api.graphql(`{ tiers { waitlist(after: "${forged}") { totalCount } } }`, {
        key: reader.key,
      });
      expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('never lists another business’s waiting customers', async () => {
      const owner = await api.createBusiness('Owner');
      const [, , innerCircle] = (await setLadder(owner.key)).tiers;
      await createCustomer(owner.businessId, 'w', {
        score: 60,
        waitlistedFor: innerCircle.id,
        qualifiedAt: new Date(),
      });
      const intruder = await api.createBusiness('Intruder');
      // The intruder's ladder has no such tier; even a customer of theirs pointing at it stays theirs.
      await setLadder(intruder.key);
      const response = await api.graphql<{ tierLadder: { tiers: Json[] } }>(
        '{ tierLadder { tiers { id waitlist { totalCount } } } }',
        { key: intruder.key },
      );
      expect(response.data!.tierLadder.tiers.every((t) => t.waitlist.totalCount === 0)).toBe(true);
      expect(response.data!.tierLadder.tiers.map((t) => t.id)).not.toContain(innerCircle.id);
    });
  });

  describe('lockCustomerTier and unlockCustomerTier', () => {
    it('pins a customer into a full tier through the one tier-change path, with history, event and audit', async () => {
      const { businessId, key } = await api.createBusiness('Café');
      const [, , innerCircle] = (await setLadder(key)).tiers;
      for (const ref of ['a', 'b'])
        await seat(businessId, await createCustomer(businessId, ref), innerCircle.id);
      const customerId = await createCustomer(businessId, 'founder', { score: 1 });
      const until = new Date(Date.now() + 86_400_000).toISOString();

      const response = await api.graphql<{ lockCustomerTier: Json }>(LOCK, {
        key,
        variables: { input: { customerId, tierId: innerCircle.id, until, reason: 'Founding member' } },
      });

      expect(response.errors).toBeUndefined();
      expect(response.data!.lockCustomerTier).toEqual({
        customerId,
        locked: true,
        until,
        reason: 'Founding member',
        tier: { id: innerCircle.id, name: 'Inner Circle', members: 3 },
      });
      expect(await customerRow(customerId)).toMatchObject({
        tier_id: innerCircle.id,
        lock_tier_id: innerCircle.id,
        lock_until: new Date(until),
        lock_reason: 'Founding member',
      });
      const history = await db.query(
        'SELECT id, from_tier_id, to_tier_id, direction, reason FROM tier_changes WHERE customer_id = $1',
        [customerId],
      );
      expect(history).toEqual([
        {
          id: expect.any(String),
          from_tier_id: null,
          to_tier_id: innerCircle.id,
          direction: 'UP',
          reason: 'LOCKED',
        },
      ]);
      const [event] = await db.query('SELECT event_id, topic, payload FROM outbox WHERE message_key = $1', [
        `${businessId}:${customerId}`,
      ]);
      // The api caused it: its source, and the history row's id.
      expect(event).toMatchObject({
        event_id: history[0].id,
        topic: 'loyalty.tier-changes.v1',
        payload: {
          id: history[0].id,
          source: API_EVENT_SOURCE,
          type: 'com.innercircle.tier.changed.v1',
          data: { reason: 'LOCKED', newTier: { id: innerCircle.id } },
        },
      });
      expect(await auditRows(businessId)).toContainEqual(
        expect.objectContaining({
          action: 'customer.tier_locked',
          actor_key_id: await keyIdOf(key),
          target_id: customerId,
          details: expect.objectContaining({ tierId: innerCircle.id, reason: 'Founding member', until }),
        }),
      );
    });

    it('unlocks: the lock is cleared, the customer keeps the tier, and it is audited', async () => {
      const { businessId, key } = await api.createBusiness('Café');
      const [, friends] = (await setLadder(key)).tiers;
      const customerId = await createCustomer(businessId, 'ann');
      await api.graphql(LOCK, {
        key,
        variables: { input: { customerId, tierId: friends.id, reason: 'Staff' } },
      });

      const response = await api.graphql<{ unlockCustomerTier: Json }>(UNLOCK, {
        key,
        variables: { customerId, reason: 'Left the team' },
      });

      expect(response.errors).toBeUndefined();
      expect(response.data!.unlockCustomerTier).toEqual({
        customerId,
        locked: false,
        tier: null,
        until: null,
        reason: null,
      });
      expect(await customerRow(customerId)).toMatchObject({
        tier_id: friends.id,
        lock_tier_id: null,
        lock_reason: null,
      });
      expect(await auditRows(businessId)).toContainEqual(
        expect.objectContaining({
          action: 'customer.tier_unlocked',
          actor_key_id: await keyIdOf(key),
          details: expect.objectContaining({ reason: 'Left the team' }),
        }),
      );
    });

    it('validates: an end in the past, a malformed id, an unknown tier or customer', async () => {
      const { businessId, key } = await api.createBusiness('Café');
      const [regulars] = (await setLadder(key)).tiers;
      const customerId = await createCustomer(businessId, 'ann');
      const lock = (input: Record<string, unknown>) =>
        api.graphql(LOCK, {
          key,
          variables: { input: { customerId, tierId: regulars.id, reason: 'x', ...input } },
        });

      const past = await lock({ until: '2020-01-01T00:00:00Z' });
      expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.until' });
      const malformed = await lock({ customerId: 'nope' });
      expect(malformed.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(malformed.errors?.[0]?.extensions.fieldErrors)).toContain('customerId');
      const emptyReason = await lock({ reason: '' });
      expect(emptyReason.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const unknownTier = await lock({ tierId: '00000000-0000-4000-8000-000000000000' });
      expect(unknownTier.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const unknownCustomer = await lock({ customerId: '00000000-0000-4000-8000-000000000000' });
      expect(unknownCustomer.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const badUnlock = await api.graphql(UNLOCK, { key, variables: { customerId: 'nope' } });
      expect(badUnlock.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(await customerRow(customerId)).toMatchObject({ tier_id: null, lock_tier_id: null });
    });

    it('needs tiers:write', async () => {
      const { businessId, key } = await api.createBusiness('Café', [
        ApiKeyScope.CustomersRead,
        ApiKeyScope.CustomersWrite,
      ]);
      const customerId = await createCustomer(businessId, 'ann');
      const lock = await api.graphql(LOCK, {
        key,
        variables: { input: { customerId, tierId: '00000000-0000-4000-8000-000000000000', reason: 'x' } },
      });
      expect(lock.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const unlock = await api.graphql(UNLOCK, { key, variables: { customerId } });
      expect(unlock.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('answers NOT_FOUND for another business’s customer or tier and changes nothing', async () => {
      const owner = await api.createBusiness('Owner');
      const [regulars, friends] = (await setLadder(owner.key)).tiers;
      const customerId = await createCustomer(owner.businessId, 'ann');
      await api.graphql(LOCK, {
        key: owner.key,
        variables: { input: { customerId, tierId: friends.id, reason: 'Owner said so' } },
      });
      const intruder = await api.createBusiness('Intruder');
      const [intruderTier] = (await setLadder(intruder.key)).tiers;
      const theirCustomer = await createCustomer(intruder.businessId, 'bob');

      const attempts = [
        await api.graphql(LOCK, {
          key: intruder.key,
          variables: { input: { customerId, tierId: intruderTier.id, reason: 'mine' } },
        }),
        await api.graphql(LOCK, {
          key: intruder.key,
          variables: { input: { customerId: theirCustomer, tierId: regulars.id, reason: 'mine' } },
        }),
        await api.graphql(UNLOCK, { key: intruder.key, variables: { customerId } }),
      ];

      expect(attempts.map((r) => r.errors?.[0]?.extensions.code)).toEqual([
        'NOT_FOUND',
        'NOT_FOUND',
        'NOT_FOUND',
      ]);
      expect(await customerRow(customerId)).toMatchObject({
        tier_id: friends.id,
        lock_tier_id: friends.id,
        lock_reason: 'Owner said so',
      });
      expect(await customerRow(theirCustomer)).toMatchObject({ tier_id: null, lock_tier_id: null });
      expect((await readLadder(owner.key)).tiers.map((t) => t.members)).toEqual([0, 1, 0]);
    });
  });

  describe('simulateTierLadder', () => {
    it('runs the domain simulation over the business’s customers and writes nothing', async () => {
      const { businessId, key } = await api.createBusiness('Café');
      const [regulars, friends, innerCircle] = (await setLadder(key)).tiers;
      const ids = {
        a: await createCustomer(businessId, 'a', { score: 60 }),
        b: await createCustomer(businessId, 'b', { score: 25 }),
        c: await createCustomer(businessId, 'c', { score: 6 }),
        d: await createCustomer(businessId, 'd', { score: 1 }),
      };
      await seat(businessId, ids.a, innerCircle.id);
      await seat(businessId, ids.b, friends.id);
      await seat(businessId, ids.c, regulars.id);
      await api.graphql(LOCK, {
        key,
        variables: { input: { customerId: ids.d, tierId: regulars.id, reason: 'x' } },
      });
      const ladderBefore = await readLadder(key);
      const snapshot = () =>
        db.query(
          `SELECT (SELECT count(*) FROM audit_log WHERE business_id = $1)::int AS audits,
                  (SELECT count(*) FROM tier_changes WHERE business_id = $1)::int AS changes,
                  (SELECT count(*) FROM tiers WHERE business_id = $1)::int AS tiers,
                  (SELECT json_agg(json_build_object('id', id, 'tier', tier_id) ORDER BY id) FROM customers WHERE business_id = $1) AS customers`,
          [businessId],
        );
      const before = await snapshot();

      // Friends needs 30 (retain 28) and Legends replaces Inner Circle: b falls to Regulars, a lands in Legends.
      const response = await api.graphql<{ simulateTierLadder: Json }>(SIMULATE, {
        key,
        variables: {
          input: {
            tiers: [
              { id: regulars.id, name: 'Regulars', rank: 1, entryScore: 5, retainScore: 3, graceDays: 0 },
              { id: friends.id, name: 'Friends', rank: 2, entryScore: 30, retainScore: 28, graceDays: 0 },
              { name: 'Legends', rank: 3, entryScore: 55, retainScore: 50, graceDays: 0 },
            ],
          },
        },
      });

      expect(response.errors).toBeUndefined();
      const simulation = response.data!.simulateTierLadder;
      expect(simulation).toMatchObject({
        downgradedCount: 1,
        upgradedCount: 0,
        unchangedCount: 3,
        lockedCount: 1,
      });
      expect(simulation.movements).toEqual(
        expect.arrayContaining([
          {
            fromTier: { id: friends.id, name: 'Friends', rank: 2 },
            toTier: { id: regulars.id, name: 'Regulars', rank: 1 },
            count: 1,
          },
          {
            fromTier: { id: innerCircle.id, name: 'Inner Circle', rank: 3 },
            toTier: { id: null, name: 'Legends', rank: 3 },
            count: 1,
          },
        ]),
      );
      expect(simulation.tiers).toEqual([
        { id: regulars.id, name: 'Regulars', rank: 1, members: 3, capacity: null, waitlisted: 0 },
        { id: friends.id, name: 'Friends', rank: 2, members: 0, capacity: null, waitlisted: 0 },
        { id: null, name: 'Legends', rank: 3, members: 1, capacity: null, waitlisted: 0 },
      ]);
      expect(await snapshot()).toEqual(before);
      expect(await readLadder(key)).toEqual(ladderBefore);
    });

    it('validates the proposal like setTierLadder, needs tiers:write, and sees only the caller’s customers', async () => {
      const owner = await api.createBusiness('Owner');
      await setLadder(owner.key);
      for (const ref of ['a', 'b', 'c']) await createCustomer(owner.businessId, ref, { score: 30 });
      const intruder = await api.createBusiness('Intruder');

      const invalid = await api.graphql(SIMULATE, {
        key: intruder.key,
        variables: { input: { tiers: [{ ...CAFE_LADDER.tiers[0], retainScore: 99 }] } },
      });
      expect(invalid.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: [expect.objectContaining({ field: 'input.tiers.0.retainScore' })],
      });

      const reader = await api.createBusiness('Reader', [ApiKeyScope.CustomersRead]);
      const forbidden = await api.graphql(SIMULATE, { key: reader.key, variables: { input: CAFE_LADDER } });
      expect(forbidden.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

      const theirs = await api.graphql<{ simulateTierLadder: Json }>(SIMULATE, {
        key: intruder.key,
        variables: { input: CAFE_LADDER },
      });
      expect(theirs.data!.simulateTierLadder).toMatchObject({ movements: [], unchangedCount: 0 });
    });
  });
});

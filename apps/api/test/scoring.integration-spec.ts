import { defaultScoringSettings, InteractionType, SettingsProblemCode } from '@inner-circle/domain';
import { CustomerDirectoryRepository } from '@inner-circle/persistence';
import { DataSource } from 'typeorm';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { type ApiTestApp, type GraphQLResponse, startApiTestApp } from './api-test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions
type Json = any;

const SETTINGS_FIELDS = `halfLifeDays weeklyReturnBonus purchaseAmountUnit feedbackCommentBonus exactWindowWeeks
  timeZone version recomputeInProgress
  weights { purchase visit feedback referral campaignRedemption }
  weeklyCaps { purchase visit feedback referral campaignRedemption }`;
const READ = `{ scoringSettings { ${SETTINGS_FIELDS} } }`;
const SET = `mutation($input: ScoringSettingsInput!) { setScoringSettings(input: $input) { ${SETTINGS_FIELDS} } }`;
const SIMULATE = `query($input: ScoringSettingsInput!) { simulateScoringSettings(input: $input) {
  customerCount tierChangedCount upgradedCount downgradedCount rankCorrelation
  topBefore { customerId externalRef score rank } topAfter { customerId externalRef score rank } } }`;
const SET_LADDER = `mutation($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }`;

/** The defaults as the API shows them (GraphQL field names per interaction type). */
const DEFAULTS = {
  halfLifeDays: defaultScoringSettings.halfLifeDays,
  weeklyReturnBonus: defaultScoringSettings.weeklyReturnBonus,
  purchaseAmountUnit: defaultScoringSettings.purchaseAmountUnit,
  feedbackCommentBonus: defaultScoringSettings.feedbackCommentBonus,
  exactWindowWeeks: defaultScoringSettings.exactWindowWeeks,
  weights: {
    purchase: defaultScoringSettings.weights[InteractionType.PURCHASE],
    visit: defaultScoringSettings.weights[InteractionType.VISIT],
    feedback: defaultScoringSettings.weights[InteractionType.FEEDBACK],
    referral: defaultScoringSettings.weights[InteractionType.REFERRAL],
    campaignRedemption: defaultScoringSettings.weights[InteractionType.CAMPAIGN_REDEMPTION],
  },
  weeklyCaps: {
    purchase: defaultScoringSettings.weeklyCaps[InteractionType.PURCHASE],
    visit: defaultScoringSettings.weeklyCaps[InteractionType.VISIT],
    feedback: defaultScoringSettings.weeklyCaps[InteractionType.FEEDBACK],
    referral: defaultScoringSettings.weeklyCaps[InteractionType.REFERRAL],
    campaignRedemption: defaultScoringSettings.weeklyCaps[InteractionType.CAMPAIGN_REDEMPTION],
  },
};

describe('scoring settings over HTTP GraphQL on real PostgreSQL', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    // No embedded worker: its sweep would recompute (and write) while a test compares rows.
    api = await startApiTestApp({}, { embeddedWorker: false });
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function read(key: string): Promise<Json> {
    const response = await api.graphql<Json>(READ, { key });
    expect(response.errors).toBeUndefined();
    return response.data.scoringSettings;
  }

  function set(key: string, input: unknown): Promise<GraphQLResponse<Json>> {
    return api.graphql<Json>(SET, { key, variables: { input } });
  }

  async function versionsOf(businessId: string) {
    const [row] = await db.query(
      `SELECT scoring_version, scores_recomputed_version, score_recompute_cursor, scoring_settings
         FROM businesses WHERE id = $1`,
      [businessId],
    );
    return row;
  }

  function fieldErrorsOf(response: GraphQLResponse): { field: string; code?: string; messages: string[] }[] {
    expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    return response.errors![0].extensions.fieldErrors as { field: string; messages: string[] }[];
  }

  it('reads the defaults of a business that never changed them, in its time zone', async () => {
    const { businessId, key } = await api.createBusiness();
    await db.query(`UPDATE businesses SET time_zone = 'Europe/Paris' WHERE id = $1`, [businessId]);
    expect(await read(key)).toEqual({
      ...DEFAULTS,
      timeZone: 'Europe/Paris',
      version: 2,
      recomputeInProgress: false,
    });
  });

  it('stores valid settings, raises the scoring version, restarts the recompute and reads them back', async () => {
    const { businessId, key } = await api.createBusiness();
    // A recompute half-way under the previous version must start again from the first customer.
    await db.query(
      `UPDATE businesses SET score_recompute_cursor = '00000000-0000-4000-8000-000000000001',
              scoring_version = 3, scores_recomputed_version = 2 WHERE id = $1`,
      [businessId],
    );

    const response = await set(key, {
      halfLifeDays: 60,
      weights: { visit: 2, referral: 10 },
      weeklyCaps: { visit: 6, referral: null },
      weeklyReturnBonus: 3,
      exactWindowWeeks: 12,
    });
    expect(response.errors).toBeUndefined();
    const expected = {
      ...DEFAULTS,
      halfLifeDays: 60,
      weights: { ...DEFAULTS.weights, visit: 2, referral: 10 },
      weeklyCaps: { ...DEFAULTS.weeklyCaps, visit: 6, referral: null },
      weeklyReturnBonus: 3,
      exactWindowWeeks: 12,
      timeZone: 'UTC',
      version: 4,
      recomputeInProgress: true,
    };
    expect(response.data.setScoringSettings).toEqual(expected);
    expect(await read(key)).toEqual(expected);
    expect(await versionsOf(businessId)).toEqual({
      scoring_version: 4,
      scores_recomputed_version: 2,
      score_recompute_cursor: null,
      // Only what the business chose is stored: later defaults still reach the rest.
      scoring_settings: {
        halfLifeDays: 60,
        weights: { VISIT: 2, REFERRAL: 10 },
        weeklyCaps: { VISIT: 6, REFERRAL: null },
        weeklyReturnBonus: 3,
        exactWindowWeeks: 12,
      },
    });

    // Omitted fields keep their value; resetToDefaults starts again from the defaults.
    const patched = await set(key, { weights: { purchase: 3 } });
    expect(patched.data.setScoringSettings).toMatchObject({
      halfLifeDays: 60,
      weights: { ...DEFAULTS.weights, visit: 2, referral: 10, purchase: 3 },
      version: 5,
    });
    const reset = await set(key, { resetToDefaults: true, halfLifeDays: 120 });
    expect(reset.data.setScoringSettings).toEqual({
      ...DEFAULTS,
      halfLifeDays: 120,
      timeZone: 'UTC',
      version: 6,
      recomputeInProgress: true,
    });
    expect((await versionsOf(businessId)).scoring_settings).toEqual({ halfLifeDays: 120 });

    // Saving what is already in force recomputes nothing.
    const unchanged = await set(key, { halfLifeDays: 120, weights: { visit: DEFAULTS.weights.visit } });
    expect(unchanged.data.setScoringSettings.version).toBe(6);
    expect(await versionsOf(businessId)).toMatchObject({
      scoring_version: 6,
      scoring_settings: { halfLifeDays: 120 },
    });
  });

  it('a ladder change of time zone recomputes every score: weeks, caps and decay anchors follow the zone', async () => {
    const { businessId, key } = await api.createBusiness();
    const before = await versionsOf(businessId);
    const ladder = { tiers: [{ name: 'Regulars', rank: 1, entryScore: 4, retainScore: 3, graceDays: 0 }] };
    const same = await api.graphql(SET_LADDER, { key, variables: { input: ladder } });
    expect(same.errors).toBeUndefined();
    expect((await versionsOf(businessId)).scoring_version).toBe(before.scoring_version);
    const moved = await api.graphql(SET_LADDER, {
      key,
      variables: { input: { ...ladder, timeZone: 'Pacific/Kiritimati' } },
    });
    expect(moved.errors).toBeUndefined();
    expect(await versionsOf(businessId)).toMatchObject({
      scoring_version: before.scoring_version + 1,
      score_recompute_cursor: null,
    });
  });

  it('audits every change with the key that made it', async () => {
    const { businessId, key } = await api.createBusiness();
    await set(key, { halfLifeDays: 30 });
    const rows = await db.query(
      `SELECT action, target_type, target_id, actor_key_id IS NOT NULL AS by_key, details FROM audit_log
        WHERE business_id = $1`,
      [businessId],
    );
    expect(rows).toEqual([
      {
        action: 'scoring_settings.set',
        target_type: 'business',
        target_id: businessId,
        by_key: true,
        details: { version: 3, resetToDefaults: false, overrides: { halfLifeDays: 30 } },
      },
    ]);
  });

  it('reports every rule problem at once with its field path, and changes nothing', async () => {
    const { businessId, key } = await api.createBusiness();
    const before = await versionsOf(businessId);
    const response = await set(key, {
      halfLifeDays: 0,
      weights: { purchase: -1, campaignRedemption: -2 },
      weeklyCaps: { visit: -3 },
      weeklyReturnBonus: -1,
      purchaseAmountUnit: 0,
      feedbackCommentBonus: -0.5,
      exactWindowWeeks: 200,
    });
    expect(response.errors?.[0]?.extensions.reason).toBe('SCORING_SETTINGS_INVALID');
    expect(fieldErrorsOf(response)).toEqual(
      expect.arrayContaining([
        {
          field: 'input.halfLifeDays',
          code: SettingsProblemCode.INVALID_HALF_LIFE,
          messages: [expect.any(String)],
        },
        {
          field: 'input.weights.purchase',
          code: SettingsProblemCode.INVALID_WEIGHT,
          messages: [expect.any(String)],
        },
        {
          field: 'input.weights.campaignRedemption',
          code: SettingsProblemCode.INVALID_WEIGHT,
          messages: [expect.any(String)],
        },
        {
          field: 'input.weeklyCaps.visit',
          code: SettingsProblemCode.INVALID_WEEKLY_CAP,
          messages: [expect.any(String)],
        },
        {
          field: 'input.weeklyReturnBonus',
          code: SettingsProblemCode.INVALID_RETURN_BONUS,
          messages: [expect.any(String)],
        },
        {
          field: 'input.purchaseAmountUnit',
          code: SettingsProblemCode.INVALID_PURCHASE_UNIT,
          messages: [expect.any(String)],
        },
        {
          field: 'input.feedbackCommentBonus',
          code: SettingsProblemCode.INVALID_COMMENT_BONUS,
          messages: [expect.any(String)],
        },
        {
          field: 'input.exactWindowWeeks',
          code: SettingsProblemCode.INVALID_EXACT_WINDOW,
          messages: [expect.any(String)],
        },
      ]),
    );
    expect(fieldErrorsOf(response)).toHaveLength(8);
    expect(await versionsOf(businessId)).toEqual(before);
  });

  it('refuses at the door what is not a finite number of a sane size, naming each field', async () => {
    const { key } = await api.createBusiness();
    // A literal too big for a double parses to Infinity: only the door stops it.
    const response = await api.graphql(
      `mutation { setScoringSettings(input: { halfLifeDays: 1e400, weights: { visit: 1e9 }, exactWindowWeeks: 4 }) { version } }`,
      { key },
    );
    expect(
      fieldErrorsOf(response)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['input.halfLifeDays', 'input.weights.visit']);
  });

  it('needs tiers:write to change or simulate, and customers:read to read', async () => {
    const reader = await api.createBusiness('Reader', [ApiKeyScope.CustomersRead]);
    const writer = await api.createBusiness('Writer', [ApiKeyScope.TiersWrite]);
    expect((await read(reader.key)).version).toBe(2);
    const refused = [
      await set(reader.key, { halfLifeDays: 30 }),
      await api.graphql(SIMULATE, { key: reader.key, variables: { input: { halfLifeDays: 30 } } }),
      await api.graphql(READ, { key: writer.key }),
    ];
    for (const response of refused) expect(response.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await versionsOf(reader.businessId)).scoring_version).toBe(2);

    const changed = await set(writer.key, { halfLifeDays: 30 });
    expect(changed.data.setScoringSettings.halfLifeDays).toBe(30);
  });

  it('never shows or changes another business’s settings', async () => {
    const mine = await api.createBusiness('Mine');
    const theirs = await api.createBusiness('Theirs');
    await set(mine.key, { halfLifeDays: 45, weights: { visit: 5 } });
    const seen = await read(theirs.key);
    expect(seen).toMatchObject({
      halfLifeDays: DEFAULTS.halfLifeDays,
      weights: DEFAULTS.weights,
      version: 2,
    });
    expect(await versionsOf(theirs.businessId)).toMatchObject({ scoring_version: 2, scoring_settings: null });
    expect((await read(mine.key)).halfLifeDays).toBe(45);
  });

  describe('simulateScoringSettings', () => {
    const LADDER = {
      tiers: [
        { name: 'Regulars', rank: 1, entryScore: 4, retainScore: 3, graceDays: 0 },
        { name: 'Friends', rank: 2, entryScore: 12, retainScore: 10, graceDays: 0 },
      ],
    };

    async function addCustomer(businessId: string, ref: string, erased = false): Promise<string> {
      const [row] = await db.query(
        `INSERT INTO customers (business_id, external_ref, name, erased_at) VALUES ($1, $2, $3, $4) RETURNING id`,
        [businessId, ref, `Customer ${ref}`, erased ? new Date() : null],
      );
      return row.id;
    }

    /** Interactions an hour ago: one local week, so each score is its points × at most 8 days of decay. */
    async function addInteractions(
      businessId: string,
      customerId: string,
      interactions: { type: InteractionType; comment?: string }[],
    ) {
      const at = new Date(Date.now() - 3_600_000);
      for (const [index, interaction] of interactions.entries()) {
        await db.query(
          `INSERT INTO interactions (business_id, id, customer_id, type, occurred_at, comment)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            businessId,
            `${customerId}-${index}`,
            customerId,
            interaction.type,
            at,
            interaction.comment ?? null,
          ],
        );
      }
    }

    /** Every row the simulation could touch, to compare before and after. */
    async function snapshot(businessId: string) {
      return {
        business: await db.query(`SELECT * FROM businesses WHERE id = $1`, [businessId]),
        customers: await db.query(`SELECT * FROM customers WHERE business_id = $1 ORDER BY id`, [businessId]),
        tiers: await db.query(`SELECT * FROM tiers WHERE business_id = $1 ORDER BY id`, [businessId]),
        audit: await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE business_id = $1`, [
          businessId,
        ]),
        tierChanges: await db.query(`SELECT count(*)::int AS n FROM tier_changes WHERE business_id = $1`, [
          businessId,
        ]),
        // Events name their business in the payload; other suites write the outbox concurrently.
        outbox: await db.query(`SELECT count(*)::int AS n FROM outbox WHERE strpos(payload::text, $1) > 0`, [
          businessId,
        ]),
      };
    }

    it('compares every customer under both settings with the domain’s score and ladder, and changes nothing', async () => {
      const { businessId, key } = await api.createBusiness();
      expect((await api.graphql(SET_LADDER, { key, variables: { input: LADDER } })).errors).toBeUndefined();
      // Current settings, explicit so that tuning the defaults cannot move this test: visits 3 +
      // return bonus 2 = 5 (Regulars), referral 8 + 2 = 10 (Regulars), feedback with a comment
      // 4 + 1 + 2 = 7 (Regulars), nobody 0. Decay over ≤ 8 days at a 90-day half-life keeps ≥ 94 %.
      const current = await set(key, {
        resetToDefaults: true,
        halfLifeDays: 90,
        weights: { visit: 1, referral: 8, feedback: 4 },
        weeklyCaps: { visit: 3, referral: 16, feedback: 5 },
        weeklyReturnBonus: 2,
        feedbackCommentBonus: 1,
      });
      expect(current.errors).toBeUndefined();
      const visitor = await addCustomer(businessId, 'visitor');
      const referrer = await addCustomer(businessId, 'referrer');
      const critic = await addCustomer(businessId, 'critic');
      const idle = await addCustomer(businessId, 'idle');
      const erased = await addCustomer(businessId, 'erased', true);
      await addInteractions(businessId, visitor, [
        { type: InteractionType.VISIT },
        { type: InteractionType.VISIT },
        { type: InteractionType.VISIT },
      ]);
      await addInteractions(businessId, referrer, [{ type: InteractionType.REFERRAL }]);
      await addInteractions(businessId, critic, [{ type: InteractionType.FEEDBACK, comment: 'Too loud' }]);
      await addInteractions(businessId, erased, [{ type: InteractionType.REFERRAL }]);
      const before = await snapshot(businessId);

      // Proposed: visits and returning earn nothing, referrals 20. Visitor 0 (no tier), referrer 20
      // capped at 16 a week (Friends), critic 4 + 1 = 5 (still Regulars), idle 0.
      const response = await api.graphql<Json>(SIMULATE, {
        key,
        variables: { input: { weights: { visit: 0, referral: 20 }, weeklyReturnBonus: 0 } },
      });
      expect(response.errors).toBeUndefined();
      const simulation = response.data.simulateScoringSettings;
      expect(simulation).toMatchObject({
        customerCount: 4,
        tierChangedCount: 2,
        upgradedCount: 1,
        downgradedCount: 1,
      });
      // Ranks before: idle 1, visitor 2, critic 3, referrer 4; after: idle and visitor tie at 1.5.
      expect(simulation.rankCorrelation).toBeCloseTo(Math.sqrt(0.9), 10);
      expect(simulation.topBefore.map((e: Json) => [e.externalRef, e.rank])).toEqual([
        ['referrer', 1],
        ['critic', 2],
        ['visitor', 3],
        ['idle', 4],
      ]);
      const tied = [visitor, idle].sort();
      expect(simulation.topAfter.map((e: Json) => e.customerId)).toEqual([referrer, critic, ...tied]);
      expect(simulation.topAfter.map((e: Json) => e.rank)).toEqual([1, 2, 3, 4]);
      const score = (list: Json[], id: string) => list.find((e) => e.customerId === id).score;
      expect(score(simulation.topBefore, referrer)).toBeGreaterThan(9.4);
      expect(score(simulation.topBefore, referrer)).toBeLessThanOrEqual(10);
      expect(score(simulation.topAfter, referrer)).toBeCloseTo(
        (16 / 10) * score(simulation.topBefore, referrer),
        10,
      );
      expect(score(simulation.topAfter, visitor)).toBe(0);

      expect(await snapshot(businessId)).toEqual(before);
    });

    it('keeps only the best 20 and pages through more customers than a page holds', async () => {
      const { businessId, key } = await api.createBusiness();
      // 1,050 customers (more than one 1,000-customer page), one feedback each an hour ago; every
      // fifth (refs ending in 0 or 5) left a comment, worth the comment bonus.
      const ids: string[] = await db
        .query(
          `INSERT INTO customers (business_id, external_ref, name)
           SELECT $1, 'c' || lpad(n::text, 4, '0'), 'Customer ' || n FROM generate_series(1, 1050) AS n
           RETURNING id`,
          [businessId],
        )
        .then((rows: { id: string }[]) => rows.map((row) => row.id));
      await db.query(
        `INSERT INTO interactions (business_id, id, customer_id, type, occurred_at, comment)
         SELECT $1, c.id::text || '-f', c.id, 'FEEDBACK', now() - interval '1 hour',
                CASE WHEN right(c.external_ref, 1) IN ('0', '5') THEN 'a comment' END
           FROM customers c WHERE c.business_id = $1`,
        [businessId],
      );
      const response = await api.graphql<Json>(SIMULATE, {
        key,
        variables: { input: { feedbackCommentBonus: 0 } },
      });
      expect(response.errors).toBeUndefined();
      const simulation = response.data.simulateScoringSettings;
      expect(simulation.customerCount).toBe(ids.length);
      // No ladder: nobody is placed anywhere.
      expect(simulation.tierChangedCount).toBe(0);
      expect(simulation.topBefore).toHaveLength(20);
      expect(simulation.topAfter).toHaveLength(20);
      // The 210 commented customers lead before (ties by id); after, everyone ties and ids decide.
      const commented = (
        await db.query(
          `SELECT id FROM customers WHERE business_id = $1 AND right(external_ref, 1) IN ('0', '5') ORDER BY id LIMIT 20`,
          [businessId],
        )
      ).map((row: { id: string }) => row.id);
      expect(simulation.topBefore.map((e: Json) => e.customerId)).toEqual(commented);
      expect(simulation.topAfter.map((e: Json) => e.customerId)).toEqual([...ids].sort().slice(0, 20));
      // Every score after is equal: the correlation is undefined.
      expect(simulation.rankCorrelation).toBeNull();
    });

    it('names the customers of both tops in one read, for keys that may read customers', async () => {
      const { businessId, key } = await api.createBusiness();
      const ann = await addCustomer(businessId, 'ann');
      const bob = await addCustomer(businessId, 'bob');
      await addInteractions(businessId, ann, [{ type: InteractionType.REFERRAL }]);
      await addInteractions(businessId, bob, [{ type: InteractionType.VISIT }]);
      const NAMED = `query($input: ScoringSettingsInput!) { simulateScoringSettings(input: $input) {
        topBefore { customerId customer { id name } } topAfter { customerId customer { name } } } }`;
      const spy = jest.spyOn(api.app.get(CustomerDirectoryRepository), 'findByIds');
      try {
        const response = await api.graphql<Json>(NAMED, {
          key,
          variables: { input: { weights: { referral: 0 } } },
        });
        expect(response.errors).toBeUndefined();
        const { topBefore, topAfter } = response.data.simulateScoringSettings;
        expect(topBefore.map((e: Json) => e.customer)).toEqual([
          { id: ann, name: 'Customer ann' },
          { id: bob, name: 'Customer bob' },
        ]);
        expect(topAfter.map((e: Json) => e.customer.name)).toEqual(['Customer bob', 'Customer ann']);
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }

      const tiersOnly = await api.createBusiness('Tiers only', [ApiKeyScope.TiersWrite]);
      await addInteractions(tiersOnly.businessId, await addCustomer(tiersOnly.businessId, 'cleo'), [
        { type: InteractionType.VISIT },
      ]);
      const denied = await api.graphql<Json>(NAMED, { key: tiersOnly.key, variables: { input: {} } });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('validates the proposal like setScoringSettings', async () => {
      const { key } = await api.createBusiness();
      const response = await api.graphql(SIMULATE, {
        key,
        variables: { input: { halfLifeDays: 0, weights: { visit: -1 } } },
      });
      expect(
        fieldErrorsOf(response)
          .map((e) => e.field)
          .sort(),
      ).toEqual(['input.halfLifeDays', 'input.weights.visit']);
    });
  });
});

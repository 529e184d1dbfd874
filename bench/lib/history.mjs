// Customers with history for the 1,000,000-customer scale run, and the workload that meets them.
//
// Before, the million run's customers were bare rows and every event was someone's first, so the
// run measured the cost of tier moves (1.000 per event against 0.135 at 10,000 customers), not of
// table size. Here every seeded customer carries what an active past would have left: a score
// state built by the domain's own `applyInteractions`, its rank key by `scoreRankKey`, the tier
// (or waitlist) the domain's `decideTier` gives that score today, and the tiers' member counts.
// Nothing of the scoring or tier rules is re-implemented: SQL only copies a few thousand template
// rows computed here onto a million customers (INSERT … SELECT generate_series).
//
// The events then go to customers in proportion to how active their history was (who came often
// keeps coming), plus a share of newcomers' first purchases — the 10,000 run's shape: 5 % firsts,
// the rest repeat customers. `estimateHistoryWorkload` replays the same events through the domain
// offline, so the share of tier moves can be checked before a 5-minute run.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const require = createRequire(import.meta.url);
const {
  applyInteractions,
  decideTier,
  initialScoreState,
  resolveScoringSettings,
  scoreAt,
  scoreRankKey,
  TierDecisionKind,
} = require('@inner-circle/domain');

const DAY = 86_400_000;
/** The bench's events span the 20 days before the run (generateInteractions); history ends before. */
const WINDOW_DAYS = 20;
/** History covers the 8 weeks before the window: the score state's exact window (exactWindowWeeks). */
const HISTORY_DAYS = 56;

export const historyDefaults = {
  /** Distinct histories; customer g gets template (g − 1) mod templates. */
  templates: 2_048,
  /** Interactions in a template's 8 weeks: log-uniform over 1 … maxHistoryEvents (most are occasional). */
  maxHistoryEvents: 64,
  /** Events for customer g ∝ (history events of g) ^ activityExponent: who came often keeps coming. */
  activityExponent: 1,
  /** Share of events that are a newcomer's first purchase (the 10,000 run: 10,000 of 200,000). */
  newcomerShare: 0.05,
  seed: 7,
};

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** The same mix of types and amounts as the bench's generateInteractions. */
function randomInteraction(random, id, occurredAt) {
  const roll = random();
  if (roll < 0.4)
    return { id, type: 'PURCHASE', occurredAt, amount: 5 + Math.floor(random() * 200), currency: 'EUR' };
  if (roll < 0.85) return { id, type: 'VISIT', occurredAt };
  return { id, type: 'FEEDBACK', occurredAt, rating: 1 + Math.floor(random() * 5) };
}

/** The domain's ladder from the business's tier rows. */
export async function readLadder(client, businessId) {
  const { rows } = await client.query(
    `SELECT id, name, rank, entry_score, retain_score, capacity, grace_days
       FROM tiers WHERE business_id = $1 AND archived_at IS NULL ORDER BY rank`,
    [businessId],
  );
  return {
    timeZone: 'UTC',
    tiers: rows.map((row) => ({
      id: row.id,
      name: row.name,
      rank: row.rank,
      entryScore: Number(row.entry_score),
      retainScore: Number(row.retain_score),
      capacity: row.capacity,
      graceDays: row.grace_days,
    })),
  };
}

const NEWCOMER = Object.freeze({
  tierId: null,
  since: null,
  graceUntil: null,
  waitlistedForTierId: null,
  qualifiedAt: null,
  lock: null,
});

/**
 * Where the domain places a customer with this score today, with every capped tier free and with
 * every capped tier full (the seeding gives the best of the qualifiers the seats, the rest wait).
 */
function placementsOf(score, ladder, now) {
  const free = decideTier({ ...NEWCOMER, score }, ladder, {}, now);
  const fullOccupancy = Object.fromEntries(
    ladder.tiers
      .filter((tier) => tier.capacity !== null)
      .map((tier) => [tier.id, { members: tier.capacity, admissionsInPeriod: 0, waitlisted: 0 }]),
  );
  const full = decideTier({ ...NEWCOMER, score }, ladder, fullOccupancy, now);
  const place = (decision) => {
    switch (decision.kind) {
      case TierDecisionKind.UPGRADE:
        return { tierId: decision.toTierId, waitlistedFor: null };
      case TierDecisionKind.ADMITTED_WAITLISTED:
        return { tierId: decision.toTierId, waitlistedFor: decision.waitlistedForTierId };
      case TierDecisionKind.WAITLISTED:
        return { tierId: decision.tierId, waitlistedFor: decision.waitlistedForTierId };
      default:
        return { tierId: null, waitlistedFor: null };
    }
  };
  return { free: place(free), full: place(full) };
}

/**
 * `options.templates` histories over the 8 weeks before the bench window, each folded by the
 * domain: its state, rank key, score today and placements. Deterministic for a seed.
 */
export function buildTemplates(ladder, now, options = {}) {
  const opts = { ...historyDefaults, ...options };
  const settings = resolveScoringSettings(null, 'UTC');
  const random = lcg(opts.seed);
  const windowStart = now.getTime() - WINDOW_DAYS * DAY;
  const templates = [];
  for (let t = 0; t < opts.templates; t++) {
    const count = Math.max(1, Math.round(Math.exp(random() * Math.log(opts.maxHistoryEvents))));
    const times = Array.from(
      { length: count },
      () => windowStart - HISTORY_DAYS * DAY + Math.floor(random() * (HISTORY_DAYS * DAY - 3_600_000)),
    ).sort((a, b) => a - b);
    const interactions = times.map((at, j) => randomInteraction(random, `h${t}-${j}`, new Date(at)));
    const state = applyInteractions(initialScoreState(), interactions, settings);
    if (state === null) throw new Error(`template ${t}: the domain could not fold its own history`);
    const score = scoreAt(state, now, settings);
    templates.push({
      historyEvents: count,
      state,
      key: scoreRankKey(state, settings),
      score,
      firstAt: times[0],
      ...placementsOf(score, ladder, now),
    });
  }
  return templates;
}

/**
 * `customers` customers c1 … cN of the business, customer g with template (g − 1) mod K, in one
 * INSERT … SELECT generate_series; then the best of those who qualify for a capped tier take its
 * seats (rank key order, as its waitlist ranks them), the tiers' member counts are set, and the
 * ladder is marked as applied — these placements are the current ladder's, so the sweep has no
 * million-customer re-evaluation to do (the old pre-created run did one while it was measured).
 */
export async function seedCustomersWithHistory(url, businessId, customers, templates) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const started = performance.now();
    const phases = {};
    let phaseStart = started;
    const phase = (name) => {
      const at = performance.now();
      phases[name] = +((at - phaseStart) / 1000).toFixed(1);
      phaseStart = at;
    };
    const column = (pick) => templates.map(pick);
    // A bulk load builds the secondary indexes once, after the rows, instead of inserting a million
    // random keys into each: the same indexes (their definitions as the migrations left them), in
    // a fraction of the time. The primary key stays (other tables' foreign keys need it).
    const { rows: indexes } = await client.query(
      `SELECT i.indexname AS name, i.indexdef AS definition
         FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
         JOIN pg_index x ON x.indexrelid = c.oid
        WHERE i.schemaname = current_schema() AND i.tablename = 'customers' AND NOT x.indisprimary`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    await client.query(
      `INSERT INTO customers (business_id, external_ref, score, score_as_of, score_key, score_state,
                              tier_id, tier_since, waitlisted_for_tier_id, qualified_at, joined_at,
                              last_interaction_at)
       SELECT $1, 'c' || g, t.points, t.as_of, t.score_key, t.state, t.tier_id,
              CASE WHEN t.tier_id IS NOT NULL THEN t.as_of END, t.waitlisted_for,
              CASE WHEN t.waitlisted_for IS NOT NULL THEN t.as_of END, t.joined_at, t.as_of
         FROM generate_series(1, $2::int) g
         JOIN unnest($3::float8[], $4::timestamptz[], $5::float8[], $6::jsonb[], $7::uuid[], $8::uuid[],
                     $9::timestamptz[]) WITH ORDINALITY
              AS t(points, as_of, score_key, state, tier_id, waitlisted_for, joined_at, n)
           ON t.n = (g - 1) % $10 + 1`,
      [
        businessId,
        customers,
        column((t) => t.state.points),
        column((t) => new Date(t.state.asOf)),
        column((t) => t.key),
        column((t) => JSON.stringify(t.state)),
        column((t) => t.full.tierId),
        column((t) => t.full.waitlistedFor),
        column((t) => new Date(t.firstAt)),
        templates.length,
      ],
    );
    phase('insert');
    await client.query(`SET maintenance_work_mem = '256MB'`);
    for (const index of indexes) await client.query(index.definition);
    phase('indexes');
    // Seats of capped tiers: the first `capacity` qualifiers in waitlist order get them.
    const { rows: capped } = await client.query(
      `SELECT id, capacity FROM tiers WHERE business_id = $1 AND capacity IS NOT NULL`,
      [businessId],
    );
    for (const tier of capped) {
      const seated = templates.find((t) => t.free.tierId === tier.id && t.full.waitlistedFor === tier.id);
      if (!seated) continue;
      await client.query(
        `UPDATE customers SET tier_id = $2, waitlisted_for_tier_id = NULL, qualified_at = NULL
          WHERE id IN (SELECT id FROM customers WHERE business_id = $1 AND waitlisted_for_tier_id = $2
                        ORDER BY score_key DESC, qualified_at, id LIMIT $3)`,
        [businessId, tier.id, tier.capacity],
      );
    }
    await client.query(
      `UPDATE tiers t SET member_count = (SELECT count(*) FROM customers c WHERE c.tier_id = t.id)
        WHERE t.business_id = $1`,
      [businessId],
    );
    await client.query(
      `UPDATE businesses SET evaluated_ladder_version = ladder_version, reevaluation_cursor = NULL WHERE id = $1`,
      [businessId],
    );
    phase('seats, counts');
    await client.query('VACUUM ANALYZE customers');
    phase('vacuum analyze');
    const { rows: placement } = await client.query(
      `SELECT t.name, t.member_count AS members,
              (SELECT count(*) FROM customers c WHERE c.waitlisted_for_tier_id = t.id)::int AS waitlisted
         FROM tiers t WHERE t.business_id = $1 ORDER BY t.rank`,
      [businessId],
    );
    const {
      rows: [size],
    } = await client.query(
      `SELECT pg_table_size('customers') AS heap, pg_indexes_size('customers') AS indexes,
              current_setting('shared_buffers') AS shared_buffers`,
    );
    return {
      seconds: (performance.now() - started) / 1000,
      phases,
      templates: templates.length,
      placement,
      tableBytes: Number(size.heap),
      indexBytes: Number(size.indexes),
      sharedBuffers: size.shared_buffers,
    };
  } finally {
    await client.end();
  }
}

/**
 * `events` interactions over the same 20 days and in the same type mix as generateInteractions:
 * a `newcomerShare` of them are first purchases of new customers (n1, n2, …; created by the
 * worker), the others go to seeded customers with probability ∝ history events ^ exponent.
 */
export function generateHistoryInteractions({ events, customers, templates, options = {} }) {
  const opts = { ...historyDefaults, ...options };
  const random = lcg(opts.seed * 7919 + 1);
  const K = templates.length;
  // Customers per template among c1 … cN, and the cumulative weights to draw a template from.
  const members = templates.map((_, t) => (t < customers ? Math.floor((customers - 1 - t) / K) + 1 : 0));
  const cumulative = [];
  let total = 0;
  templates.forEach((template, t) => {
    total += members[t] * template.historyEvents ** opts.activityExponent;
    cumulative.push(total);
  });
  const pickCustomer = () => {
    const x = random() * total;
    let lo = 0;
    let hi = K - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo + 1 + K * Math.floor(random() * members[lo]);
  };
  const start = Date.now() - WINDOW_DAYS * DAY;
  const step = (WINDOW_DAYS * DAY - 60_000) / events;
  const list = new Array(events);
  let newcomers = 0;
  for (let i = 0; i < events; i++) {
    const occurredAt = new Date(start + i * step).toISOString();
    // Every 1/share-th event, evenly spread: the newcomers arrive over the whole window.
    if (Math.floor((i + 1) * opts.newcomerShare) > Math.floor(i * opts.newcomerShare)) {
      newcomers += 1;
      list[i] = {
        customerRef: `n${newcomers}`,
        interaction: { id: `i${i}`, type: 'PURCHASE', occurredAt, amount: 100, currency: 'EUR' },
      };
    } else {
      list[i] = {
        customerRef: `c${pickCustomer()}`,
        interaction: randomInteraction(random, `i${i}`, occurredAt),
      };
    }
  }
  return list;
}

/**
 * Replays `list` through the domain as the worker would (score folded per event, tier decided
 * today with the occupancy of capped tiers), from the seeded placements: the expected tier moves
 * per event, to check a workload before running it. Ignores batching (one decision per event).
 * Without templates every customer starts new (the 10,000 run).
 */
export function estimateTierMoves(list, templates, ladder, now) {
  const settings = resolveScoringSettings(null, 'UTC');
  const K = templates?.length ?? 0;
  const capacityOf = new Map(ladder.tiers.map((tier) => [tier.id, tier.capacity]));
  const members = new Map();
  const customers = new Map();
  let moves = 0;
  const touched = (ref) => {
    let customer = customers.get(ref);
    if (customer) return customer;
    if (templates && ref.startsWith('c')) {
      const template = templates[(Number(ref.slice(1)) - 1) % K];
      // Seats are not tracked per seeded customer: assume the seated ones are not among the touched.
      const place = template.full;
      customer = { state: template.state, tierId: place.tierId, waitlistedFor: place.waitlistedFor };
    } else customer = { state: initialScoreState(), tierId: null, waitlistedFor: null };
    customers.set(ref, customer);
    return customer;
  };
  for (const template of templates ?? []) {
    // Member counts as seeded: capped tiers full, the others by template share (only capped ones matter).
    if (template.free.tierId && capacityOf.get(template.free.tierId) !== null)
      members.set(template.free.tierId, capacityOf.get(template.free.tierId));
  }
  for (const { customerRef, interaction } of list) {
    const customer = touched(customerRef);
    const next = applyInteractions(
      customer.state,
      [{ ...interaction, occurredAt: new Date(interaction.occurredAt) }],
      settings,
    );
    if (next) customer.state = next;
    const occupancy = Object.fromEntries(
      [...members].map(([id, count]) => [id, { members: count, admissionsInPeriod: 0, waitlisted: 0 }]),
    );
    const decision = decideTier(
      {
        ...NEWCOMER,
        tierId: customer.tierId,
        waitlistedForTierId: customer.waitlistedFor,
        score: scoreAt(customer.state, now, settings),
      },
      ladder,
      occupancy,
      now,
    );
    if (
      decision.kind === TierDecisionKind.UPGRADE ||
      decision.kind === TierDecisionKind.ADMITTED_WAITLISTED
    ) {
      moves += 1;
      // Only capped tiers' counts decide anything; the others' are not tracked.
      if (members.has(customer.tierId)) members.set(customer.tierId, members.get(customer.tierId) - 1);
      if (capacityOf.get(decision.toTierId) !== null)
        members.set(decision.toTierId, (members.get(decision.toTierId) ?? 0) + 1);
      customer.tierId = decision.toTierId;
      customer.waitlistedFor = decision.waitlistedForTierId ?? null;
    } else if (decision.kind === TierDecisionKind.WAITLISTED) {
      customer.waitlistedFor = decision.waitlistedForTierId;
    }
  }
  return { events: list.length, moves, movesPerEvent: moves / list.length };
}

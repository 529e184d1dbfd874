// The invariants checked after a run, straight from PostgreSQL and the topics. The score is
// recomputed with the domain's own computeScore (called, not re-implemented).
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { computeScore, resolveScoringSettings, InteractionType } = require('@inner-circle/domain');
const { Topics, TIER_CHANGED_V1 } = require('@inner-circle/contracts');

/** Relative float tolerance: the incremental score and a recomputation add the same terms in another order. */
const SCORE_TOLERANCE = 1e-6;

/**
 * `expectedIds`: every interaction id produced for `businessId`. Returns the figures and the
 * list of violations (empty when every invariant holds).
 */
export async function checkBusiness(cluster, databaseUrl, businessId, expectedIds) {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  const violations = [];
  try {
    const {
      rows: [business],
    } = await client.query('SELECT scoring_settings, time_zone FROM businesses WHERE id = $1', [businessId]);
    const settings = resolveScoringSettings(business.scoring_settings, business.time_zone);

    // Exactly once: one row per id (primary key), none missing, none unexpected.
    const { rows: interactions } = await client.query(
      `SELECT id, customer_id, type, occurred_at, amount, currency, rating
         FROM interactions WHERE business_id = $1`,
      [businessId],
    );
    const present = new Set(interactions.map((row) => row.id));
    const lost = [...expectedIds].filter((id) => !present.has(id));
    const unexpected = [...present].filter((id) => !expectedIds.has(id));
    if (lost.length)
      violations.push(`${lost.length} interactions lost (e.g. ${lost.slice(0, 5).join(', ')})`);
    if (unexpected.length) violations.push(`${unexpected.length} unexpected interactions`);

    // Scores: the stored (incremental) score equals the domain's recomputation at its asOf.
    const byCustomer = new Map();
    for (const row of interactions) {
      const list = byCustomer.get(row.customer_id) ?? [];
      list.push({
        id: row.id,
        type: InteractionType[row.type],
        occurredAt: row.occurred_at,
        ...(row.amount !== null ? { amount: Number(row.amount) } : {}),
        ...(row.currency !== null ? { currency: row.currency } : {}),
        ...(row.rating !== null ? { rating: row.rating } : {}),
      });
      byCustomer.set(row.customer_id, list);
    }
    const { rows: customers } = await client.query(
      'SELECT id, score, score_as_of, tier_id FROM customers WHERE business_id = $1',
      [businessId],
    );
    let scoreMismatches = 0;
    let scoredAbove = 0;
    let maxRelativeError = 0;
    for (const customer of customers) {
      const list = byCustomer.get(customer.id) ?? [];
      const expected = customer.score_as_of ? computeScore(list, settings, customer.score_as_of) : 0;
      const error = Math.abs(customer.score - expected) / Math.max(1, Math.abs(expected));
      maxRelativeError = Math.max(maxRelativeError, error);
      if (error > SCORE_TOLERANCE) {
        scoreMismatches += 1;
        if (customer.score > expected) scoredAbove += 1;
      }
    }
    if (scoreMismatches)
      violations.push(`${scoreMismatches} scores differ from computeScore (${scoredAbove} above it)`);

    // Tier history: each customer's changes form a chain that ends at the current tier.
    const { rows: history } = await client.query(
      `SELECT customer_id, from_tier_id, to_tier_id FROM tier_changes
        WHERE business_id = $1 ORDER BY customer_id, occurred_at`,
      [businessId],
    );
    const chains = new Map();
    let brokenChains = 0;
    for (const row of history) {
      const last = chains.get(row.customer_id);
      if (last !== undefined && last !== row.from_tier_id) brokenChains += 1;
      chains.set(row.customer_id, row.to_tier_id);
    }
    let tierMismatches = 0;
    for (const customer of customers) {
      const last = chains.has(customer.id) ? chains.get(customer.id) : null;
      if ((last ?? null) !== (customer.tier_id ?? null)) tierMismatches += 1;
    }
    if (brokenChains) violations.push(`${brokenChains} tier-history rows do not follow the previous one`);
    if (tierMismatches) violations.push(`${tierMismatches} current tiers differ from the last history row`);

    // Every tier change committed to the outbox reached the topic (duplicates allowed, missing not).
    const { rows: outbox } = await client.query(
      `SELECT event_id, published_at FROM outbox
        WHERE topic = $1 AND message_key LIKE $2 AND payload->>'type' = $3`,
      [Topics.tierChanges, `${businessId}:%`, TIER_CHANGED_V1],
    );
    const onTopic = new Set();
    let deliveredTierEvents = 0;
    for (const message of await cluster.readTopic(Topics.tierChanges)) {
      if (!message.key?.toString().startsWith(`${businessId}:`)) continue;
      deliveredTierEvents += 1;
      onTopic.add(JSON.parse(message.value.toString()).id);
    }
    const missingEvents = outbox.filter((row) => !onTopic.has(row.event_id)).length;
    if (missingEvents) violations.push(`${missingEvents} tier-change events missing from the topic`);
    if (outbox.length !== history.length)
      violations.push(`${history.length} tier-history rows but ${outbox.length} tier-change events`);

    return {
      figures: {
        interactionsExpected: expectedIds.size,
        interactionsApplied: present.size,
        lost: lost.length,
        appliedTwice: scoredAbove,
        customers: customers.length,
        scoreMismatches,
        maxRelativeScoreError: maxRelativeError,
        tierTransitions: history.length,
        tierEventsOnTopic: onTopic.size,
        tierEventDeliveries: deliveredTierEvents,
        tierEventsMissing: missingEvents,
      },
      violations,
    };
  } finally {
    await client.end();
  }
}

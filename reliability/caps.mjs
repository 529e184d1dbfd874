// Caps under concurrency, against a real api process (GraphQL over HTTP) and the workers of
// the delivery section:
//  - campaigns: 1,000 concurrent redeemCampaign from 500 customers on a total cap of 100 and a
//    per-customer cap of 1 → exactly 100 winners, every other racer refused with a code, no
//    internal error; a retry with the same idempotency key returns the original.
//  - tiers: 500 qualifiers of a tier of capacity 50, processed by the running workers →
//    exactly 50 members, the rest waitlisted; with a quota of 10 a week → at most 10
//    admissions in the week; the waitlist, read through the api, in rank order. (Admissions are
//    dated by the worker's clock, so one run sees one week: capacity and quota get a tier each.)
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort, waitFor } from './lib/cluster.mjs';
import { producePaced } from './lib/producer.mjs';
import { interactionMessage } from './lib/producer.mjs';

const require = createRequire(import.meta.url);
const { Topics } = require('@inner-circle/contracts');
const { spawn } = require('node:child_process');
const API_MAIN = new URL('../apps/api/dist/main.js', import.meta.url).pathname;
const API_CLI = new URL('../apps/api/dist/cli.js', import.meta.url).pathname;

export const capsProfiles = {
  full: { customers: 500, racers: 1000, cap: 100, qualifiers: 500, capacity: 50, quota: 10 },
  trimmed: { customers: 500, racers: 1000, cap: 100, qualifiers: 200, capacity: 50, quota: 10 },
};

export async function runCaps(cluster, databaseUrl, profile, { log }) {
  const port = await findFreePort();
  const api = startApi(cluster, databaseUrl, port);
  const violations = [];
  try {
    await apiReady(api, port);
    const campaign = await raceRedemptions(databaseUrl, port, profile, log, violations);
    const tiers = await fillTiers(cluster, databaseUrl, port, profile, log, violations);
    return { figures: { campaign, tiers }, violations };
  } finally {
    await api.stop();
  }
}

/** Resolves once the api answers ready; throws with its output if it exits first. */
export function apiReady(api, port) {
  return waitFor(
    async () => {
      if (!api.alive()) throw new Error(`the api exited:\n${api.output()}`);
      try {
        return (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok ? true : undefined;
      } catch {
        return undefined;
      }
    },
    'the api to be ready',
    120_000,
  );
}

export function startApi(cluster, databaseUrl, port) {
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: cluster.brokers,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      DATABASE_POOL_SIZE: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk) => void (tail = (tail + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const handle = {
    alive,
    pid: () => child.pid,
    output: () => tail,
    stop: async () => {
      if (alive()) child.kill('SIGTERM');
      const done = await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (done === undefined && alive()) child.kill('SIGKILL');
      cluster.cleanups = cluster.cleanups.filter((c) => c.label !== 'api');
    },
  };
  cluster.defer('api', () => handle.stop());
  return handle;
}

/** A business and its admin key through the api's own CLI (the key is only ever printed). */
export async function createBusinessWithKey(databaseUrl, name) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [API_CLI, 'business:create', '--name', name],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    },
  );
  const id = /\(id ([0-9a-f-]{36})\)/.exec(stdout)?.[1];
  const key = /shown only this once\): (\S+)/.exec(stdout)?.[1];
  if (!id || !key) throw new Error(`unexpected CLI output: ${stdout.slice(0, 200)}`);
  return { id, key };
}

export async function graphql(port, key, query, variables) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  return { status: response.status, body };
}

const REDEEM = `mutation Redeem($input: RedeemCampaignInput!) {
  redeemCampaign(input: $input) { replayed redemption { id customerId idempotencyKey } }
}`;

async function raceRedemptions(databaseUrl, port, profile, log, violations) {
  const { id: businessId, key } = await createBusinessWithKey(databaseUrl, 'Caps bakery');
  const client = new pg.Client(databaseUrl);
  await client.connect();
  let customerIds;
  try {
    const { rows } = await client.query(
      `INSERT INTO customers (business_id, external_ref)
       SELECT $1, 'racer-' || g FROM generate_series(1, $2::int) g RETURNING id`,
      [businessId, profile.customers],
    );
    customerIds = rows.map((row) => row.id);
  } finally {
    await client.end();
  }
  const created = await graphql(
    port,
    key,
    `
      mutation ($input: CreateCampaignInput!) {
        createCampaign(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        name: 'Hundred croissants',
        audience: { kind: 'ALL' },
        caps: { total: profile.cap, perCustomer: 1 },
      },
    },
  );
  const campaignId = created.body?.data?.createCampaign?.id;
  if (!campaignId) throw new Error(`createCampaign failed: ${JSON.stringify(created.body).slice(0, 500)}`);
  const activated = await graphql(
    port,
    key,
    `
      mutation ($id: ID!) {
        activateCampaign(id: $id) {
          status
        }
      }
    `,
    {
      id: campaignId,
    },
  );
  if (activated.body?.data?.activateCampaign?.status !== 'ACTIVE')
    throw new Error(`activateCampaign failed: ${JSON.stringify(activated.body).slice(0, 500)}`);

  // Every customer races twice (two idempotency keys); all requests in flight at once.
  const racers = Array.from({ length: profile.racers }, (_, i) => ({
    customerId: customerIds[i % customerIds.length],
    idempotencyKey: `race-${i}`,
  }));
  log(
    `caps: ${racers.length} concurrent redeemCampaign from ${customerIds.length} customers, total cap ${profile.cap}, 1 per customer`,
  );
  const results = await Promise.all(
    racers.map((racer) =>
      graphql(port, key, REDEEM, { input: { campaignId, ...racer } }).catch((error) => ({
        status: 0,
        error,
      })),
    ),
  );
  const outcome = classify(results);
  const winners = results
    .map((result, i) => ({ result, racer: racers[i] }))
    .filter(({ result }) => result.body?.data?.redeemCampaign?.redemption);
  const winningCustomers = new Set(winners.map(({ racer }) => racer.customerId));
  if (outcome.won !== profile.cap)
    violations.push(`${outcome.won} redemptions won instead of ${profile.cap}`);
  if (winningCustomers.size !== outcome.won) violations.push('a customer won more than once');
  if (outcome.internal) violations.push(`${outcome.internal} internal errors`);
  if (outcome.refused !== racers.length - profile.cap)
    violations.push(`${outcome.refused} refusals with a code instead of ${racers.length - profile.cap}`);

  // Retries with the same key return the original redemption (winners) or the same refusal.
  const retries = await Promise.all(
    winners.map(({ racer }) => graphql(port, key, REDEEM, { input: { campaignId, ...racer } })),
  );
  let replayedOriginal = 0;
  retries.forEach((retry, i) => {
    const first = winners[i].result.body.data.redeemCampaign.redemption;
    const again = retry.body?.data?.redeemCampaign;
    if (again?.replayed === true && again.redemption.id === first.id) replayedOriginal += 1;
  });
  if (replayedOriginal !== winners.length)
    violations.push(`${winners.length - replayedOriginal} retries did not return the original redemption`);

  const check = new pg.Client(databaseUrl);
  await check.connect();
  let stored;
  try {
    ({
      rows: [{ n: stored }],
    } = await check.query('SELECT count(*)::int AS n FROM redemptions WHERE campaign_id = $1', [campaignId]));
  } finally {
    await check.end();
  }
  if (stored !== profile.cap) violations.push(`${stored} redemptions stored instead of ${profile.cap}`);
  return {
    racers: racers.length,
    customers: customerIds.length,
    winners: outcome.won,
    refused: outcome.refused,
    refusalCodes: outcome.codes,
    internalErrors: outcome.internal,
    retriesReturningOriginal: replayedOriginal,
    storedRedemptions: stored,
  };
}

function classify(results) {
  const outcome = { won: 0, refused: 0, internal: 0, codes: {} };
  for (const result of results) {
    if (result.body?.data?.redeemCampaign?.redemption) {
      outcome.won += 1;
      continue;
    }
    const code = result.body?.errors?.[0]?.extensions?.code;
    if (!code || code === 'INTERNAL_SERVER_ERROR' || result.status >= 500 || result.status === 0)
      outcome.internal += 1;
    else outcome.refused += 1;
    const error = result.body?.errors?.[0]?.extensions;
    const label = code ? [code, error?.reason].filter(Boolean).join(' ') : `HTTP ${result.status}`;
    outcome.codes[label] = (outcome.codes[label] ?? 0) + 1;
  }
  return outcome;
}

/**
 * One business per tier (capacity only; capacity and a weekly quota), its ladder set through
 * the api, its qualifiers produced to Kafka and decided by the running workers.
 */
async function fillTiers(cluster, databaseUrl, port, profile, log, violations) {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  const figures = {};
  try {
    for (const [label, capacity, quota] of [
      ['capacity', profile.capacity, null],
      ['quota', profile.capacity, profile.quota],
    ]) {
      const { id: businessId, key } = await createBusinessWithKey(databaseUrl, `Tier ${label} club`);
      const ladder = await graphql(
        port,
        key,
        `
          mutation ($input: SetTierLadderInput!) {
            setTierLadder(input: $input) {
              tiers {
                id
              }
            }
          }
        `,
        {
          input: {
            tiers: [
              {
                name: 'Inner',
                rank: 1,
                entryScore: 3,
                retainScore: 2,
                graceDays: 7,
                capacity,
                ...(quota ? { admissionQuota: { limit: quota, period: 'WEEK' } } : {}),
              },
            ],
          },
        },
      );
      const tierId = ladder.body?.data?.setTierLadder?.tiers?.[0]?.id;
      if (!tierId) throw new Error(`setTierLadder failed: ${JSON.stringify(ladder.body).slice(0, 500)}`);
      const now = Date.now();
      const messages = Array.from({ length: profile.qualifiers }, (_, i) =>
        interactionMessage(businessId, {
          customerRef: `q${i}`,
          // Different amounts, so the qualifiers have different scores.
          interaction: {
            id: `q${i}`,
            type: 'PURCHASE',
            occurredAt: new Date(now - 60_000 + i).toISOString(),
            amount: 100 + i,
            currency: 'EUR',
          },
        }),
      );
      log(
        `caps: ${messages.length} qualifiers for a tier of capacity ${capacity}${quota ? `, quota ${quota}/week` : ''}`,
      );
      await (
        await producePaced(cluster, messages, { perSecond: 10_000, chunk: 100 })
      ).finished;
      await waitFor(
        async () => {
          const { rows } = await client.query(
            'SELECT count(*)::int AS n FROM interactions WHERE business_id = $1',
            [businessId],
          );
          return rows[0].n === messages.length ? true : undefined;
        },
        `the ${label} qualifiers to be applied`,
        300_000,
        300,
      );
      const {
        rows: [counts],
      } = await client.query(
        `SELECT count(*) FILTER (WHERE tier_id = $2)::int AS members,
                count(*) FILTER (WHERE waitlisted_for_tier_id = $2)::int AS waitlisted,
                (SELECT member_count FROM tiers WHERE id = $2) AS member_count,
                (SELECT coalesce(max(admitted), 0) FROM tier_admissions WHERE tier_id = $2)::int AS admissions_in_a_period
           FROM customers WHERE business_id = $1`,
        [businessId, tierId],
      );
      const expectedMembers = Math.min(capacity, quota ?? Infinity, profile.qualifiers);
      if (counts.members !== expectedMembers)
        violations.push(`tier ${label}: ${counts.members} members instead of ${expectedMembers}`);
      if (counts.member_count !== counts.members)
        violations.push(`tier ${label}: member_count ${counts.member_count} but ${counts.members} members`);
      if (counts.waitlisted !== profile.qualifiers - counts.members)
        violations.push(
          `tier ${label}: ${counts.waitlisted} waitlisted instead of ${profile.qualifiers - counts.members}`,
        );
      if (quota !== null && counts.admissions_in_a_period > quota)
        violations.push(
          `tier ${label}: ${counts.admissions_in_a_period} admissions in a week (quota ${quota})`,
        );
      const line = await readWaitlist(port, key, tierId);
      const outOfOrder = line.filter((entry, i) => i > 0 && !inRankOrder(line[i - 1], entry)).length;
      if (line.length !== counts.waitlisted)
        violations.push(
          `tier ${label}: the api lists ${line.length} waiting, the database ${counts.waitlisted}`,
        );
      if (outOfOrder) violations.push(`tier ${label}: ${outOfOrder} waitlist entries out of rank order`);
      figures[label] = {
        capacity,
        quota,
        qualifiers: profile.qualifiers,
        ...counts,
        waitlistInRankOrder: !outOfOrder,
      };
    }
  } finally {
    await client.end();
  }
  return figures;
}

/** The whole waitlist through the api, page by page (ranks 1..n, score desc, then earliest qualified). */
async function readWaitlist(port, key, tierId) {
  const entries = [];
  let after;
  for (;;) {
    const page = await graphql(
      port,
      key,
      `
        query ($after: String) {
          tiers {
            id
            waitlist(first: 100, after: $after) {
              pageInfo {
                hasNextPage
                endCursor
              }
              edges {
                node {
                  rank
                  score
                  qualifiedAt
                }
              }
            }
          }
        }
      `,
      after ? { after } : {},
    );
    const waitlist = page.body?.data?.tiers?.find((tier) => tier.id === tierId)?.waitlist;
    if (!waitlist) throw new Error(`waitlist query failed: ${JSON.stringify(page.body).slice(0, 500)}`);
    entries.push(...waitlist.edges.map((edge) => edge.node));
    if (!waitlist.pageInfo.hasNextPage) return entries;
    after = waitlist.pageInfo.endCursor;
  }
}

function inRankOrder(previous, next) {
  if (next.rank !== previous.rank + 1) return false;
  if (next.score !== previous.score) return next.score < previous.score;
  return (previous.qualifiedAt ?? '') <= (next.qualifiedAt ?? '\uffff');
}

export { Topics };

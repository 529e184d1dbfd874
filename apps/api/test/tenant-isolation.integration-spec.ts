import { randomUUID } from 'node:crypto';
import { buildTierChangedV1Event, TierChangeDirection, tierChangeKey, Topics } from '@inner-circle/contracts';
import { OutboxRepository, TransactionRunner } from '@inner-circle/persistence';
import { Client } from 'pg';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { GraphQLWsGate } from '../src/graphql/graphql-ws-gate.service';
import { type ApiTestApp, startApiTestApp } from './api-test-app';
import { errorsOf, openWs, until, type WsTestClient, wsUrl } from './ws-test-client';

const SECRET_NAME = 'Ann Alpha-Secret';
const SECRET_EMAIL = 'ann.alpha.secret@example.com';
const SECRET_CAMPAIGN = 'Alpha secret campaign';
const SECRET_TIER = 'Alpha Gold';

/**
 * Issue 11's tenant-isolation check as a spec: business B's key, with business A's ids, on
 * every operation that takes an id, over HTTP and over graphql-ws: nothing of A comes
 * back, and A's rows are exactly as they were (compared in the database before and after).
 */
describe('tenant isolation across both transports', () => {
  let api: ApiTestApp;
  let db: Client;
  const sockets: WsTestClient[] = [];
  const a = {
    businessId: '',
    key: '',
    customerId: '',
    tierId: '',
    campaignId: '',
    keyId: '',
    ref: 'alpha-1',
  };
  const b = { businessId: '', key: '', customerId: '' };

  async function ok<T>(key: string, query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await api.graphql<T>(query, { key, variables });
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  /** Every row of A, in a stable order: compared as text before and after the attempts. */
  async function snapshotOf(businessId: string): Promise<string> {
    const tables = [
      'customers',
      'tiers',
      'campaigns',
      'api_keys',
      'interactions',
      'redemptions',
      'audit_log',
      'tier_changes',
    ];
    const parts: unknown[] = [];
    for (const table of tables) {
      const { rows } = await db.query(
        `SELECT to_jsonb(t) - 'last_used_at' AS row FROM ${table} t WHERE business_id = $1 ORDER BY to_jsonb(t)::text`,
        [businessId],
      );
      parts.push({ table, rows: rows.map((r: { row: unknown }) => r.row) });
    }
    return JSON.stringify(parts);
  }

  /** Rows of B that point at A's tier, campaign or customer: none may exist. */
  async function referencesToA(businessId: string): Promise<unknown[]> {
    const { rows } = await db.query(
      `SELECT 'customer' AS kind, id::text FROM customers
        WHERE business_id = $1 AND $2::uuid IN (tier_id, lock_tier_id, waitlisted_for_tier_id)
       UNION ALL SELECT 'interaction', id FROM interactions WHERE business_id = $1 AND campaign_id = $3
       UNION ALL SELECT 'campaign', id::text FROM campaigns WHERE business_id = $1 AND $2::uuid = ANY(audience_tier_ids)
       UNION ALL SELECT 'redemption', id::text FROM redemptions WHERE business_id = $1 AND (campaign_id = $3 OR customer_id = $4)
       UNION ALL SELECT 'tier change', id::text FROM tier_changes WHERE business_id = $1 AND $2::uuid IN (from_tier_id, to_tier_id)`,
      [businessId, a.tierId, a.campaignId, a.customerId],
    );
    return rows;
  }

  beforeAll(async () => {
    api = await startApiTestApp();
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();

    Object.assign(a, await api.createBusiness('Alpha café'));
    Object.assign(b, await api.createBusiness('Beta café'));
    const ladder = await ok<{ setTierLadder: { tiers: { id: string }[] } }>(
      a.key,
      `mutation { setTierLadder(input: { tiers: [{ name: "${SECRET_TIER}", rank: 1, entryScore: 1, retainScore: 1, graceDays: 0, capacity: 10 }] }) { tiers { id } } }`,
    );
    a.tierId = ladder.setTierLadder.tiers[0].id;
    a.customerId = (
      await ok<{ createCustomer: { id: string } }>(
        a.key,
        'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
        { input: { externalRef: a.ref, name: SECRET_NAME, email: SECRET_EMAIL } },
      )
    ).createCustomer.id;
    a.campaignId = (
      await ok<{ createCampaign: { id: string } }>(
        a.key,
        'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
        { input: { name: SECRET_CAMPAIGN, audience: { kind: 'ALL' } } },
      )
    ).createCampaign.id;
    a.keyId = (await api.app.get(ApiKeysService).authenticate(a.key))!.apiKeyId;
    b.customerId = (
      await ok<{ createCustomer: { id: string } }>(
        b.key,
        'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
        { input: { externalRef: 'beta-1' } },
      )
    ).createCustomer.id;
  });

  afterAll(async () => {
    for (const socket of sockets) await socket.close();
    await db.end();
    await api.close();
  });

  /** The operations that take an id, each aimed at A's data with B's key. */
  function attempts(): { name: string; query: string; variables?: Record<string, unknown> }[] {
    const tierInput = { id: a.tierId, name: 'Pwned', rank: 1, entryScore: 1, retainScore: 1, graceDays: 0 };
    return [
      { name: 'customer', query: `{ customer(id: "${a.customerId}") { id name email } }` },
      {
        name: 'customerByExternalRef',
        query: `{ customerByExternalRef(externalRef: "${a.ref}") { id name } }`,
      },
      {
        name: 'customers by tier',
        query: `{ customers(filter: { tierId: "${a.tierId}" }) { totalCount edges { node { id name } } } }`,
      },
      { name: 'campaign', query: `{ campaign(id: "${a.campaignId}") { id name } }` },
      {
        name: 'simulateTierLadder',
        query:
          'query ($input: SetTierLadderInput!) { simulateTierLadder(input: $input) { tiers { id name members } } }',
        variables: { input: { tiers: [tierInput] } },
      },
      {
        name: 'updateCustomer',
        query: `mutation { updateCustomer(id: "${a.customerId}", input: { name: "Pwned" }) { id name } }`,
      },
      { name: 'eraseCustomer', query: `mutation { eraseCustomer(id: "${a.customerId}") { id } }` },
      {
        name: 'lockCustomerTier (A customer)',
        query: `mutation { lockCustomerTier(input: { customerId: "${a.customerId}", tierId: "${a.tierId}", reason: "x" }) { locked } }`,
      },
      {
        name: 'lockCustomerTier (A tier)',
        query: `mutation { lockCustomerTier(input: { customerId: "${b.customerId}", tierId: "${a.tierId}", reason: "x" }) { locked } }`,
      },
      {
        name: 'unlockCustomerTier',
        query: `mutation { unlockCustomerTier(customerId: "${a.customerId}") { locked } }`,
      },
      {
        name: 'updateCampaign',
        query: `mutation { updateCampaign(id: "${a.campaignId}", input: { name: "Pwned" }) { id name } }`,
      },
      { name: 'activateCampaign', query: `mutation { activateCampaign(id: "${a.campaignId}") { id } }` },
      {
        name: 'scheduleCampaign',
        query: `mutation { scheduleCampaign(id: "${a.campaignId}", startsAt: "2099-01-01T00:00:00Z") { id } }`,
      },
      { name: 'pauseCampaign', query: `mutation { pauseCampaign(id: "${a.campaignId}") { id } }` },
      { name: 'endCampaign', query: `mutation { endCampaign(id: "${a.campaignId}") { id } }` },
      {
        name: 'redeemCampaign (A customer)',
        query: `mutation { redeemCampaign(input: { campaignId: "${a.campaignId}", customerId: "${a.customerId}", idempotencyKey: "${randomUUID()}" }) { replayed } }`,
      },
      {
        name: 'redeemCampaign (B customer)',
        query: `mutation { redeemCampaign(input: { campaignId: "${a.campaignId}", customerId: "${b.customerId}", idempotencyKey: "${randomUUID()}" }) { replayed } }`,
      },
      { name: 'revokeApiKey', query: `mutation { revokeApiKey(id: "${a.keyId}") { id name } }` },
      {
        name: 'recordInteraction (A campaign)',
        query: 'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
        variables: {
          input: {
            id: randomUUID(),
            customerExternalRef: 'beta-1',
            type: 'CAMPAIGN_REDEMPTION',
            campaignId: a.campaignId,
          },
        },
      },
      {
        name: 'setTierLadder (A tier)',
        query:
          'mutation ($input: SetTierLadderInput!) { setTierLadder(input: $input) { tiers { id name } } }',
        variables: { input: { tiers: [tierInput] } },
      },
      {
        name: 'createCampaign (A tiers)',
        query: 'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
        variables: { input: { name: 'Beta', audience: { kind: 'TIER_IDS', tierIds: [a.tierId] } } },
      },
    ];
  }

  const leaks = (text: string) =>
    [
      SECRET_NAME,
      SECRET_EMAIL,
      SECRET_CAMPAIGN,
      SECRET_TIER,
      a.customerId,
      a.campaignId,
      a.tierId,
      a.keyId,
    ].filter((secret) => text.includes(secret));

  it('over HTTP: every operation with A’s ids returns nothing of A and changes nothing of A', async () => {
    const before = await snapshotOf(a.businessId);
    const outcomes: { name: string; code: string; leaks: string[] }[] = [];
    for (const attempt of attempts()) {
      const response = await api.graphql(attempt.query, { key: b.key, variables: attempt.variables });
      const code = response.errors?.[0]?.extensions.code;
      // The submitted ids are echoed in error messages ("no customer <id>"): only data may not carry them.
      outcomes.push({
        name: attempt.name,
        code: typeof code === 'string' ? code : 'NO_ERROR',
        leaks: leaks(JSON.stringify(response.data ?? null)).concat(
          leaks(JSON.stringify(response.errors ?? [])).filter((s) =>
            [SECRET_NAME, SECRET_EMAIL, SECRET_CAMPAIGN, SECRET_TIER].includes(s),
          ),
        ),
      });
    }
    expect(outcomes.filter((o) => o.leaks.length > 0)).toEqual([]);
    expect(outcomes.filter((o) => o.code === 'INTERNAL_SERVER_ERROR')).toEqual([]);
    // Only the list query may answer without an error, and then with nothing in it.
    expect(outcomes.filter((o) => o.code === 'NO_ERROR').map((o) => o.name)).toEqual(['customers by tier']);
    expect(await snapshotOf(a.businessId)).toBe(before);
    expect(await referencesToA(b.businessId)).toEqual([]);
    process.stdout.write(
      `${JSON.stringify({ summary: 'tenant-isolation', transport: 'http', attempts: outcomes.length, leaks: 0, changed: 0 })}\n`,
    );
  });

  it('over graphql-ws: the same attempts never run, and B’s subscription never sees A’s tier changes', async () => {
    const before = await snapshotOf(a.businessId);
    const socket = openWs(wsUrl(api.url), { authorization: `Bearer ${b.key}` });
    sockets.push(socket);
    expect(await socket.ready).toBe('ack');
    const list = attempts();
    list.forEach((attempt, i) => socket.subscribe(`x${i}`, attempt.query, attempt.variables));
    const codes: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const answer = await socket.answer(`x${i}`);
      expect(leaks(JSON.stringify(answer.payload ?? null))).toEqual([]);
      codes.push(errorsOf(answer)[0]?.extensions?.code ?? 'NO_ERROR');
    }
    expect(codes.every((code) => code === 'BAD_REQUEST')).toBe(true);

    const aSocket = openWs(wsUrl(api.url), { authorization: `Bearer ${a.key}` });
    sockets.push(aSocket);
    expect(await aSocket.ready).toBe('ack');
    const feed = 'subscription { tierChanged { eventId customerId } }';
    const gate = api.app.get(GraphQLWsGate);
    const running = gate.stats().subscriptions;
    aSocket.subscribe('feed', feed);
    socket.subscribe('feed', feed);
    await until(() => gate.stats().subscriptions >= running + 2, 'both subscriptions to run');
    const aEvent = await publishTierChange(a.businessId);
    const bEvent = await publishTierChange(b.businessId);
    await until(() => aSocket.of('feed').length > 0 && socket.of('feed').length > 0, 'both feeds');
    expect(JSON.stringify(aSocket.of('feed'))).toContain(aEvent);
    expect(JSON.stringify(socket.of('feed'))).toContain(bEvent);
    expect(JSON.stringify(socket.of('feed'))).not.toContain(aEvent);
    expect(await snapshotOf(a.businessId)).toBe(before);
    process.stdout.write(
      `${JSON.stringify({ summary: 'tenant-isolation', transport: 'graphql-ws', attempts: list.length + 1, leaks: 0, changed: 0 })}\n`,
    );
  });

  async function publishTierChange(businessId: string): Promise<string> {
    const customerId = randomUUID();
    const event = buildTierChangedV1Event(
      {
        businessId,
        customerId,
        customerRef: 'someone',
        previousTier: null,
        newTier: { id: randomUUID(), name: 'Regulars', rank: 1 },
        direction: TierChangeDirection.UP,
        reason: 'ENTRY_SCORE_REACHED',
        score: 12,
        ruleVersion: 1,
        occurredAt: new Date().toISOString(),
      },
      { id: randomUUID(), source: '/inner-circle/test', time: new Date() },
    );
    await api.app.get(TransactionRunner).run((tx) =>
      api.app.get(OutboxRepository).add(tx, [
        {
          eventId: event.id,
          topic: Topics.tierChanges,
          key: tierChangeKey(businessId, customerId),
          payload: event as unknown as Record<string, unknown>,
        },
      ]),
    );
    return event.id;
  }
});

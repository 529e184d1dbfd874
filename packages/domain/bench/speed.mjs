// Speed of the hot paths the worker and api call per event / per request, as ops/s and as a
// multiple of a reference operation measured in the same run. Figures only: nothing here
// passes or fails (a time limit in a unit test failed on a loaded machine; see README.md).

/** Runs `body(i)` in growing batches until `seconds` have elapsed, after a short JIT warm-up. */
function measure(name, body, seconds, unit = 'op') {
  const clock = () => Number(process.hrtime.bigint()) / 1e9;
  const warmUntil = clock() + Math.min(0.2, seconds / 4);
  let i = 0;
  while (clock() < warmUntil) for (let k = 0; k < 100; k++) body(i++);
  let iterations = 0;
  let batch = 16;
  const started = clock();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (let k = 0; k < batch; k++) body(iterations++);
    elapsed = clock() - started;
    if (batch < 1 << 20) batch *= 2;
  }
  return { name, unit, iterations, seconds: elapsed, opsPerSecond: iterations / elapsed };
}

const DAY = 86_400_000;

export function runSpeed(domain, { seconds, simulateCustomers }) {
  const {
    applyInteraction,
    computeScore,
    decideTier,
    initialScoreState,
    defaultScoringSettings,
    InteractionType,
    scoreAt,
    LadderWhatIf,
    Period,
  } = domain;
  let sink = 0;
  const results = [];
  // The unit of the "x reference time" column: a string-keyed Map lookup, the kind of step the
  // domain's own loops are made of. An empty call was tried first: the JIT inlines it, and its
  // speed swung 8× between runs, which made every ratio meaningless.
  const keys = Array.from({ length: 1024 }, (_, i) => `key-${i}`);
  const lookup = new Map(keys.map((key, i) => [key, i]));
  const baseline = measure(
    'reference: Map.get(string key)',
    (i) => {
      sink += lookup.get(keys[i & 1023]);
    },
    seconds,
  );
  results.push(baseline);

  // decideTier on a 10-tier ladder with capacities and quotas: a mix of upgrades, waitlists, graces and stays.
  const now = new Date('2026-11-27T12:00:00Z');
  const ladder = {
    timeZone: 'Europe/Paris',
    tiers: Array.from({ length: 10 }, (_, i) => ({
      id: `t${i + 1}`,
      name: `Tier ${i + 1}`,
      rank: i + 1,
      entryScore: 10 * (i + 1),
      retainScore: 10 * (i + 1) - 4,
      graceDays: 14,
      capacity: i >= 6 ? 100 : null,
      admissionQuota: i >= 6 ? { limit: 10, period: Period.WEEK } : null,
    })),
  };
  const occupancy = Object.fromEntries(
    ladder.tiers.map((t, i) => [
      t.id,
      { members: i === 9 ? 100 : 50, admissionsInPeriod: i === 8 ? 10 : 3, periodKey: '2026-W48' },
    ]),
  );
  const customers = Array.from({ length: 1024 }, (_, i) => ({
    tierId: i % 11 === 0 ? null : `t${(i % 10) + 1}`,
    since: null,
    score: (i * 37) % 110,
    graceUntil: i % 3 === 0 ? new Date(now.getTime() + ((i % 5) - 2) * DAY) : null,
    waitlistedForTierId: null,
    qualifiedAt: null,
    lock: i % 97 === 0 ? { tierId: 't3', until: null, reason: 'bench' } : null,
  }));
  results.push(
    measure(
      'decideTier (10-tier ladder)',
      (i) => {
        sink += decideTier(customers[i & 1023], ladder, occupancy, now).kind.length;
      },
      seconds,
    ),
  );

  // applyInteraction: a stream of mixed events, mostly in order with some late arrivals, on one state.
  const types = [
    InteractionType.VISIT,
    InteractionType.PURCHASE,
    InteractionType.FEEDBACK,
    InteractionType.REFERRAL,
    InteractionType.CAMPAIGN_REDEMPTION,
  ];
  const start = Date.parse('2026-01-01T08:00:00Z');
  // Each type carries only its own fields, so a model that validates them strictly still runs.
  const withFields = (interaction, i) => {
    if (interaction.type === InteractionType.PURCHASE) return { ...interaction, amount: 8 + (i % 40) };
    if (interaction.type === InteractionType.FEEDBACK)
      return { ...interaction, rating: (i % 5) + 1, ...(i % 3 === 0 ? { comment: 'fine' } : {}) };
    if (interaction.type === InteractionType.CAMPAIGN_REDEMPTION) return { ...interaction, campaignId: 'c1' };
    return interaction;
  };
  const events = Array.from({ length: 4096 }, (_, i) =>
    withFields(
      {
        id: `e${i}`,
        type: types[i % 5],
        occurredAt: new Date(start + i * 3 * 3_600_000 - (i % 7 === 0 ? 2 * DAY : 0)),
      },
      i,
    ),
  );
  // A model may answer null for an event it cannot fold in exactly (the caller then recomputes):
  // such answers are counted and the stream restarts from an empty state.
  let notFolded = 0;
  const fold = (current, interaction, settings) => {
    const next = applyInteraction(current, interaction, settings);
    if (next !== null) return next;
    notFolded++;
    return initialScoreState();
  };
  let state = initialScoreState();
  results.push(
    measure(
      'applyInteraction (UTC days)',
      (i) => {
        if ((i & 4095) === 0) state = initialScoreState();
        state = fold(state, events[i & 4095], defaultScoringSettings);
      },
      seconds,
    ),
  );
  const parisSettings = { ...defaultScoringSettings, timeZone: 'Europe/Paris' };
  let parisState = initialScoreState();
  results.push(
    measure(
      'applyInteraction (Europe/Paris days)',
      (i) => {
        if ((i & 4095) === 0) parisState = initialScoreState();
        parisState = fold(parisState, events[i & 4095], parisSettings);
      },
      seconds,
    ),
  );

  // scoreAt: the read path (waitlists, sorting, the api), on states of different customers.
  const states = [];
  let built = initialScoreState();
  for (let i = 0; i < 4096; i++) {
    built = fold(built, events[i], defaultScoringSettings);
    if ((i & 15) === 15) states.push(built);
  }
  const readTimes = Array.from({ length: 64 }, (_, i) => new Date(start + 520 * DAY + i * 3 * DAY));
  results.push(
    measure(
      'scoreAt',
      (i) => {
        sink += scoreAt(states[i & 255], readTimes[i & 63], defaultScoringSettings);
      },
      seconds,
    ),
  );

  // computeScore: the recompute path (a late event, a settings change): 2 years, 500 interactions.
  const history = Array.from({ length: 500 }, (_, i) =>
    withFields(
      {
        id: `h${i}`,
        type: types[(i * 7) % 5],
        occurredAt: new Date(start + Math.floor((i * 730 * DAY) / 500) + (i % 11) * 3_600_000),
      },
      i,
    ),
  );
  const historyEnd = new Date(start + 731 * DAY);
  const recompute = measure(
    'computeScore (recompute: 500 interactions over 2 years)',
    () => {
      sink += computeScore(history, defaultScoringSettings, historyEnd);
    },
    seconds,
    'customer',
  );
  results.push(recompute);
  // Optional exports, measured when the build has them (score v2 onwards): the stored state
  // rebuilt from every interaction (the worker's recompute path) and the time-invariant rank key.
  if (typeof domain.scoreStateOf === 'function') {
    results.push(
      measure(
        'scoreStateOf (recompute the stored state: the same 500)',
        () => {
          sink += domain.scoreStateOf(history, defaultScoringSettings)?.points ?? 0;
        },
        seconds,
        'customer',
      ),
    );
  }
  if (typeof domain.scoreRankKey === 'function') {
    results.push(
      measure(
        'scoreRankKey',
        (i) => {
          sink += domain.scoreRankKey(states[i & 255], defaultScoringSettings) ?? 0;
        },
        seconds,
      ),
    );
  }

  // The ladder what-if (LadderWhatIf: planTierMoves in the sweep's batches) on a large population,
  // proposing tighter capacities on the top tiers. Customers come in id order, as from the database.
  const pad = String(simulateCustomers).length;
  const population = Array.from({ length: simulateCustomers }, (_, i) => ({
    customerId: `c${String(i).padStart(pad, '0')}`,
    state: {
      tierId: i % 13 === 0 ? null : `t${(i % 10) + 1}`,
      since: null,
      score: ((i * 2654435761) % 1_000_003) / 9_000,
      graceUntil: null,
      waitlistedForTierId: null,
      qualifiedAt: null,
      lock: i % 5000 === 0 ? { tierId: 't10', until: null, reason: 'bench' } : null,
    },
  }));
  const occupancyOf = (customers) => {
    const occupancy = {};
    for (const t of ladder.tiers) occupancy[t.id] = { members: 0, admissionsInPeriod: 0 };
    for (const c of customers) if (c.state.tierId) occupancy[c.state.tierId].members += 1;
    return occupancy;
  };
  const simulateLadder = (customers) => {
    const whatIf = new LadderWhatIf(ladder, proposed, occupancyOf(customers), [], now);
    for (let i = 0; i < customers.length; i += 10_000) whatIf.addBatch(customers.slice(i, i + 10_000));
    return whatIf.result();
  };
  const proposed = {
    ...ladder,
    tiers: ladder.tiers.map((t, i) => ({
      ...t,
      entryScore: t.entryScore + 5,
      capacity: i >= 7 ? Math.ceil(simulateCustomers / 50) : null,
    })),
  };
  simulateLadder(population.slice(0, Math.min(50_000, simulateCustomers))); // warm-up
  const simStarted = process.hrtime.bigint();
  const simulation = simulateLadder(population);
  const simSeconds = Number(process.hrtime.bigint() - simStarted) / 1e9;
  results.push({
    name: `LadderWhatIf (${simulateCustomers.toLocaleString('en-US')} customers, paged)`,
    unit: 'customer',
    iterations: simulateCustomers,
    seconds: simSeconds,
    opsPerSecond: simulateCustomers / simSeconds,
  });

  const rows = results.map((r) => ({
    benchmark: r.name,
    'ops/s': `${Math.round(r.opsPerSecond).toLocaleString('en-US')}${r.unit === 'op' ? '' : ` ${r.unit}s/s`}`,
    'µs/op': (1e6 / r.opsPerSecond).toFixed(3),
    'x reference time': r === baseline ? '1' : (baseline.opsPerSecond / r.opsPerSecond).toFixed(1),
  }));
  console.log('\n## Speed\n');
  console.table(rows);
  console.log(
    `recompute: ${Math.round(recompute.opsPerSecond * history.length).toLocaleString('en-US')} interactions/s; ` +
      `what-if: ${(simSeconds * 1000).toFixed(0)} ms, ${simulation.downgradedCount.toLocaleString('en-US')} downgraded; ` +
      `sink ${Math.round(sink) % 10}, last score ${scoreAt(state, now, defaultScoringSettings).toFixed(2)}` +
      (notFolded > 0
        ? `; applyInteraction asked for a recompute ${notFolded.toLocaleString('en-US')} times`
        : ''),
  );
  return results;
}

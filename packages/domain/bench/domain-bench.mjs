// Micro-benchmark for the hot paths the worker and api call per event / per request.
// Run: npm run bench (builds dist first). Figures are ops per second on this machine, with a
// plain-function-call loop as baseline so they can be read as a ratio too.
import domain from '../dist/index.js';

const {
  applyInteraction,
  decideTier,
  initialScoreState,
  defaultScoringSettings,
  InteractionType,
  simulateLadder,
  Period,
} = domain;

function measure(name, iterations, body) {
  for (let i = 0; i < Math.min(iterations, 200_000); i++) body(i); // warm-up for the JIT
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) body(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, iterations, seconds, opsPerSecond: iterations / seconds };
}

let sink = 0;
function noop(i) {
  return i & 1;
}
const baseline = measure('baseline: empty function call', 20_000_000, (i) => {
  sink += noop(i);
});

// decideTier on a 10-tier ladder with capacities and quotas: a mix of upgrades, waitlists, graces and stays.
const DAY = 86_400_000;
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
const decide = measure('decideTier (10-tier ladder)', 5_000_000, (i) => {
  sink += decideTier(customers[i & 1023], ladder, occupancy, now).kind.length;
});

// applyInteraction: a stream of mixed events, mostly in order with some late arrivals, on one state.
const types = [
  InteractionType.VISIT,
  InteractionType.PURCHASE,
  InteractionType.FEEDBACK,
  InteractionType.REFERRAL,
  InteractionType.CAMPAIGN_REDEMPTION,
];
const start = Date.parse('2026-01-01T08:00:00Z');
const events = Array.from({ length: 4096 }, (_, i) => ({
  id: `e${i}`,
  type: types[i % 5],
  occurredAt: new Date(start + i * 3 * 3_600_000 - (i % 7 === 0 ? 2 * DAY : 0)),
  amount: 12.5 + (i % 40),
  rating: (i % 5) + 1,
}));
let state = initialScoreState();
const apply = measure('applyInteraction (UTC days)', 5_000_000, (i) => {
  if ((i & 4095) === 0) state = initialScoreState();
  state = applyInteraction(state, events[i & 4095], defaultScoringSettings);
});
const parisSettings = { ...defaultScoringSettings, timeZone: 'Europe/Paris' };
let parisState = initialScoreState();
const applyParis = measure('applyInteraction (Europe/Paris days)', 3_000_000, (i) => {
  if ((i & 4095) === 0) parisState = initialScoreState();
  parisState = applyInteraction(parisState, events[i & 4095], parisSettings);
});

// simulateLadder on one million customers, proposing tighter capacities on the top tiers.
const population = Array.from({ length: 1_000_000 }, (_, i) => ({
  customerId: `c${i}`,
  score: ((i * 2654435761) % 1_000_003) / 9_000,
  currentTierId: i % 13 === 0 ? null : `t${(i % 10) + 1}`,
  lock: i % 5000 === 0 ? { tierId: 't10', until: null } : null,
}));
const proposed = {
  ...ladder,
  tiers: ladder.tiers.map((t, i) => ({
    ...t,
    entryScore: t.entryScore + 5,
    capacity: i >= 7 ? 20_000 : null,
  })),
};
simulateLadder(population.slice(0, 50_000), ladder, proposed, now); // warm-up
const simStarted = process.hrtime.bigint();
const simulation = simulateLadder(population, ladder, proposed, now);
const simSeconds = Number(process.hrtime.bigint() - simStarted) / 1e9;

const rows = [baseline, decide, apply, applyParis].map((r) => ({
  benchmark: r.name,
  'ops/s': Math.round(r.opsPerSecond).toLocaleString('en-US'),
  'ns/op': (1e9 / r.opsPerSecond).toFixed(1),
  'x baseline time': (baseline.opsPerSecond / r.opsPerSecond).toFixed(1),
  'target ≥1M/s': r === baseline ? '' : r.opsPerSecond >= 1e6 ? 'yes' : 'NO',
}));
rows.push({
  benchmark: 'simulateLadder (1,000,000 customers)',
  'ops/s': '',
  'ns/op': `${(simSeconds * 1000).toFixed(0)} ms total`,
  'x baseline time': '',
  'target ≥1M/s': `downgraded ${simulation.downgraded.length.toLocaleString('en-US')}`,
});
console.table(rows);
console.log(`node ${process.version}, sink ${sink % 10}, last score ${state.points.toFixed(2)}`);

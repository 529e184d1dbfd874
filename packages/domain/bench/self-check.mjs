// Checks of the bench's own machinery (special functions, metrics, optimiser, BG/NBD, the frozen
// v1 baseline) against known values, so a wrong table cannot come from a wrong yardstick.
// Runs before every `npm run bench` (about a second); `npm run bench:check` runs it alone.
import assert from 'node:assert/strict';
import { computeScoreV1 } from './baselines/score-v1.mjs';
import { bgNbdExpectedTransactions, bgNbdLogLikelihood, fitBgNbd } from './lib/bg-nbd.mjs';
import { auc, averageRanks, spearman, topShare } from './lib/metrics.mjs';
import { nelderMead } from './lib/nelder-mead.mjs';
import { CDNOW_BG_NBD, HOLDOUT_WEEKS, POPULATIONS, generatePopulation } from './lib/populations.mjs';
import { summarise } from './lib/rankings.mjs';
import { hypergeometric2F1, logGamma } from './lib/special.mjs';

const close = (actual, expected, tolerance, what) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );

// Special functions.
close(logGamma(5), Math.log(24), 1e-12, 'ln Γ(5)');
close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12, 'ln Γ(1/2)');
close(logGamma(100.3), 360.51470572905816, 1e-9, 'ln Γ(100.3)');
close(hypergeometric2F1(1, 1, 2, 0.6), -Math.log(0.4) / 0.6, 1e-12, '2F1(1,1;2;z) = −ln(1−z)/z');
close(hypergeometric2F1(30.2, 5, 5, 0.6) * Math.pow(0.4, 30.2), 1, 1e-12, '2F1(a,b;b;z) = (1−z)^−a');
assert.throws(() => hypergeometric2F1(1, 1, 2, 1), RangeError);

// Metrics, ties included.
assert.deepEqual(Array.from(averageRanks([10, 20, 20, 5])), [2, 3.5, 3.5, 1]);
close(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1, 1e-12, 'Spearman of a monotone pair');
close(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1, 1e-12, 'Spearman of a reversed pair');
close(auc([1, 2, 3, 4], [0, 0, 1, 1]), 1, 0, 'AUC of a perfect ranking');
close(auc([7, 7, 7, 7], [0, 1, 0, 1]), 0.5, 0, 'AUC when everything ties');
close(auc([1, 3, 2, 4], [0, 0, 1, 1]), 0.75, 1e-12, 'AUC with one swapped pair');
close(topShare([1, 1, 1, 1], [4, 0, 0, 0], 0.25), 0.25, 1e-12, 'a tied group shares the top seats pro rata');
close(topShare([4, 3, 2, 1], [5, 3, 1, 1], 0.5), 0.8, 1e-12, 'top half share');

// Nelder–Mead on Rosenbrock's valley.
const rosenbrock = ([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
const valley = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 10_000, tolerance: 1e-16 });
close(valley.x[0], 1, 1e-4, 'Rosenbrock x');
close(valley.x[1], 1, 1e-4, 'Rosenbrock y');

// BG/NBD: the fit finds a likelihood at least as high as the truth's, and the conditional
// expectation with the true parameters matches what the simulated customers then do.
const population = POPULATIONS.find((p) => p.name === 'bg-nbd-cdnow');
const customers = generatePopulation(population, 20_000, 99);
const summaries = customers.map((c) => summarise(c).bgNbd);
const fit = fitBgNbd(summaries);
assert.ok(
  fit.logLikelihood >= bgNbdLogLikelihood(CDNOW_BG_NBD, summaries) - 1e-6,
  'the BG/NBD fit is below the likelihood at the true parameters',
);
let expected = 0;
let actual = 0;
customers.forEach((c, i) => {
  expected += bgNbdExpectedTransactions(CDNOW_BG_NBD, summaries[i], HOLDOUT_WEEKS);
  actual += c.futurePurchaseDays;
});
close(expected / actual, 1, 0.05, 'BG/NBD expected ÷ simulated holdout purchase days');

// Frozen v1: hand-computed values.
const at = (iso) => new Date(iso);
const now = at('2026-04-01T00:00:00Z');
const purchase10 = { id: 'p', type: 'PURCHASE', amount: 10, occurredAt: at('2026-04-01T00:00:00Z') };
close(computeScoreV1([purchase10], now), 2 * Math.log(2), 1e-12, 'v1: a purchase of 10 earns 2·ln 2');
const visits = [1, 2, 3].map((h) => ({
  id: `v${h}`,
  type: 'VISIT',
  occurredAt: at(`2026-01-01T0${h}:00:00Z`),
}));
close(
  computeScoreV1(visits, at('2026-04-01T00:00:00Z')),
  1,
  1e-12,
  'v1: three visits cap at 2, halved after 90 days',
);
const feedback = { id: 'f', type: 'FEEDBACK', rating: 1, comment: 'meh', occurredAt: now };
close(computeScoreV1([feedback], now), 1.8, 1e-12, 'v1: 1-star feedback with a comment earns 1.8');

console.log('bench self-check: ok');

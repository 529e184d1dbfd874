// Every ranking compared at the cut-off. Higher value = predicted to buy more in the holdout.
import { computeScoreV1 } from '../baselines/score-v1.mjs';
import { bgNbdExpectedTransactions, bgNbdLogLikelihood, bgNbdProbabilityAlive, fitBgNbd } from './bg-nbd.mjs';
import { averageRanks, spearman } from './metrics.mjs';
import { CALENDAR_START_MS, CUTOFF_DAY, DAY_MS, HOLDOUT_WEEKS } from './populations.mjs';

export const CUTOFF = new Date(CALENDAR_START_MS + CUTOFF_DAY * DAY_MS);
/** Stands in for "never bought" in recency: below any real value, and finite so it sorts. */
const NEVER = -1e9;

/** What the classic baselines look at: purchases only, as a points balance or an RFM table would. */
export function summarise(customer) {
  let purchases = 0;
  let spend = 0;
  let first = null;
  let last = null;
  const purchaseDays = new Set();
  for (const interaction of customer.interactions) {
    if (interaction.type !== 'PURCHASE') continue;
    const day = Math.floor((interaction.occurredAt.getTime() - CALENDAR_START_MS) / DAY_MS);
    purchases++;
    spend += interaction.amount ?? 0;
    purchaseDays.add(day);
    if (first === null || day < first) first = day;
    if (last === null || day > last) last = day;
  }
  // BG/NBD counts repeat purchase *days* (as the lifetimes package does) from the first purchase;
  // a customer who never bought is treated as born at their first interaction with x = 0.
  const birth =
    first ?? Math.floor((customer.interactions[0].occurredAt.getTime() - CALENDAR_START_MS) / DAY_MS);
  const bgNbd =
    first === null
      ? { x: 0, tx: 0, T: (CUTOFF_DAY - birth) / 7 }
      : { x: purchaseDays.size - 1, tx: (last - first) / 7, T: (CUTOFF_DAY - first) / 7 };
  return { purchases, spend, lastPurchaseDay: last, bgNbd };
}

/** Quintile score 1–5 from average ranks, so equal values always share a quintile. */
function quintiles(values) {
  const ranks = averageRanks(values);
  return Array.from(ranks, (rank) => Math.min(5, Math.ceil((5 * rank) / values.length)));
}

/**
 * The rankings of one population. `domain` is the built package (its computeScore and
 * defaultScoringSettings, whatever version they are); `trueBgNbd` adds the BG/NBD ranking with
 * the parameters that generated the data, the best any BG/NBD fit can hope for. `candidates`
 * ({ name, computeScore(interactions, now) }) are extra score models to try without a rebuild.
 */
export function rankCustomers(customers, domain, { trueBgNbd } = {}, candidates = []) {
  const summaries = customers.map(summarise);
  const column = (f) => Float64Array.from(customers, (c, i) => f(c, summaries[i]));

  const started = process.hrtime.bigint();
  const domainScore = column((c) =>
    domain.computeScore(c.interactions, domain.defaultScoringSettings, CUTOFF),
  );
  const domainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const v1Score = column((c) => computeScoreV1(c.interactions, CUTOFF));

  const fitStarted = process.hrtime.bigint();
  const fit = fitBgNbd(summaries.map((s) => s.bgNbd));
  const fitSeconds = Number(process.hrtime.bigint() - fitStarted) / 1e9;
  const expected = (params) => column((_, s) => bgNbdExpectedTransactions(params, s.bgNbd, HOLDOUT_WEEKS));
  const fitted = expected(fit);

  const spend = column((_, s) => s.spend);
  const frequency = column((_, s) => s.purchases);
  const recency = column((_, s) => (s.lastPurchaseDay === null ? NEVER : s.lastPurchaseDay - CUTOFF_DAY));
  const r = quintiles(recency);
  const f = quintiles(frequency);
  const m = quintiles(spend);
  const rfm = Float64Array.from(r, (ri, i) => ri + f[i] + m[i]);

  const rankings = [
    { name: 'score (domain build)', scores: domainScore },
    { name: 'score v1 (frozen)', scores: v1Score },
    ...candidates.map(({ name, computeScore }) => ({
      name,
      scores: column((c) => computeScore(c.interactions, CUTOFF)),
    })),
    { name: 'BG/NBD (fitted)', scores: fitted },
  ];
  if (trueBgNbd) rankings.push({ name: 'BG/NBD (true params)', scores: expected(trueBgNbd) });
  rankings.push(
    { name: 'spend (points balance)', scores: spend },
    { name: 'frequency', scores: frequency },
    { name: 'recency', scores: recency },
    { name: 'RFM (R+F+M quintiles)', scores: rfm },
    { name: 'oracle (knows the future)', scores: column((c) => c.futurePurchases), reference: true },
  );

  let expectedTotal = 0;
  let aliveTotal = 0;
  for (let i = 0; i < customers.length; i++) {
    expectedTotal += fitted[i];
    aliveTotal += bgNbdProbabilityAlive(fit, summaries[i].bgNbd);
  }
  return {
    rankings,
    bgNbdFit: {
      r: fit.r,
      alpha: fit.alpha,
      a: fit.a,
      b: fit.b,
      logLikelihood: fit.logLikelihood,
      evaluations: fit.evaluations,
      seconds: fitSeconds,
      expectedHoldoutTransactions: expectedTotal,
      meanProbabilityAlive: aliveTotal / customers.length,
      // At the true parameters the fit's likelihood must be lower (else the optimiser missed the maximum).
      trueLogLikelihood: trueBgNbd
        ? bgNbdLogLikelihood(
            trueBgNbd,
            summaries.map((s) => s.bgNbd),
          )
        : null,
    },
    domainScoreSeconds: domainSeconds,
    // 1 while the domain still ships v1; how far a new model reorders the same customers.
    domainVsV1Spearman: spearman(domainScore, v1Score),
  };
}

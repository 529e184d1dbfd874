// Predictive evaluation: does ranking customers at a cut-off by the domain score predict who
// buys in the following 26 weeks, compared with the classic baselines? See README.md.
import { evaluateRanking } from './lib/metrics.mjs';
import { CUTOFF_DAY, HOLDOUT_WEEKS, POPULATIONS, generatePopulation } from './lib/populations.mjs';
import { rankCustomers } from './lib/rankings.mjs';

const METRICS = ['spearman', 'auc', 'top10', 'top1'];

/** Share of the top `fraction` seats taken by each segment (tied groups split pro rata). */
function topComposition(scores, segments, fraction) {
  const order = Array.from(scores, (_, i) => i).sort((i, j) => scores[j] - scores[i]);
  const seats = fraction * scores.length;
  const shares = {};
  let taken = 0;
  for (let start = 0; start < order.length && taken < seats;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const weight = Math.min(1, (seats - taken) / (end - start + 1));
    for (let k = start; k <= end; k++) {
      const segment = segments[order[k]];
      shares[segment] = (shares[segment] ?? 0) + weight / seats;
    }
    taken += end - start + 1;
    start = end + 1;
  }
  return shares;
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs) =>
  xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

function evaluatePopulation(population, domain, { customers: size, seed, repeats, candidates = [] }) {
  const runs = [];
  for (let k = 0; k < repeats; k++) {
    const customers = generatePopulation(population, size, seed + k);
    const future = customers.map((c) => c.futurePurchases);
    const segments = customers.map((c) => c.segment);
    const { rankings, bgNbdFit, domainScoreSeconds, domainVsV1Spearman } = rankCustomers(
      customers,
      domain,
      population,
      candidates,
    );
    runs.push({
      stats: {
        interactionsPerCustomer: mean(customers.map((c) => c.interactions.length)),
        calibrationPurchasesPerCustomer: mean(
          customers.map((c) => c.interactions.filter((i) => i.type === 'PURCHASE').length),
        ),
        holdoutPurchasesPerCustomer: mean(future),
        buysAgainShare: mean(future.map((n) => (n > 0 ? 1 : 0))),
        holdoutPurchaseDays: customers.reduce((s, c) => s + c.futurePurchaseDays, 0),
        segments: Object.fromEntries(
          [...new Set(segments)].map((s) => [s, segments.filter((x) => x === s).length / customers.length]),
        ),
      },
      bgNbdFit,
      domainScoreSeconds,
      domainVsV1Spearman,
      rankings: rankings.map(({ name, scores, reference }) => ({
        name,
        reference: reference === true,
        ...evaluateRanking(scores, future),
        top10Segments: topComposition(scores, segments, 0.1),
      })),
    });
  }
  const first = runs[0];
  return {
    name: population.name,
    description: population.description,
    trueBgNbd: population.trueBgNbd ?? null,
    stats: first.stats,
    bgNbdFit: first.bgNbdFit,
    domainScoreSeconds: mean(runs.map((r) => r.domainScoreSeconds)),
    domainVsV1Spearman: mean(runs.map((r) => r.domainVsV1Spearman)),
    rankings: first.rankings.map((row, index) => {
      const summary = { name: row.name, reference: row.reference };
      for (const metric of METRICS) {
        const values = runs.map((r) => r.rankings[index][metric]);
        summary[metric] = mean(values);
        if (repeats > 1) summary[`${metric}Sd`] = sd(values);
      }
      summary.top10Segments = row.top10Segments;
      return summary;
    }),
  };
}

const pct = (x) => `${(100 * x).toFixed(1)} %`;
const fixed = (x) => x.toFixed(3);

function markdownTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

/** The population's table, as Markdown (so it can be pasted into the README as is). */
export function formatPopulation(result, repeats) {
  const withSd = (row, metric, format) =>
    repeats > 1 ? `${format(row[metric])} ± ${format(row[`${metric}Sd`])}` : format(row[metric]);
  const lines = [];
  const s = result.stats;
  lines.push(`### ${result.name}`);
  lines.push('');
  lines.push(result.description);
  lines.push(
    `Per customer: ${s.interactionsPerCustomer.toFixed(1)} interactions and ${s.calibrationPurchasesPerCustomer.toFixed(2)} purchases before the cut-off, ` +
      `${s.holdoutPurchasesPerCustomer.toFixed(2)} purchases after; ${pct(s.buysAgainShare)} buy again.`,
  );
  const fit = result.bgNbdFit;
  const truth = result.trueBgNbd;
  const param = (k) => `${k} ${fit[k].toFixed(3)}${truth ? ` (true ${truth[k]})` : ''}`;
  lines.push(
    `BG/NBD fit: ${['r', 'alpha', 'a', 'b'].map(param).join(', ')}; ` +
      `expects ${Math.round(fit.expectedHoldoutTransactions).toLocaleString('en-US')} holdout purchase days, ` +
      `actual ${s.holdoutPurchaseDays.toLocaleString('en-US')}; log-likelihood ${fit.logLikelihood.toFixed(1)}` +
      `${fit.trueLogLikelihood === null ? '' : ` (at the true parameters ${fit.trueLogLikelihood.toFixed(1)})`}.`,
  );
  lines.push('');
  const segmentNames = Object.keys(s.segments);
  const showSegments = segmentNames.length > 1;
  const header = ['ranking at the cut-off', 'Spearman', 'AUC buys again', 'top 10 % share', 'top 1 % share'];
  if (showSegments) header.push(`top 10 %: ${segmentNames.join(' / ')}`);
  const rows = result.rankings.map((row) => {
    const cells = [
      row.name,
      withSd(row, 'spearman', fixed),
      withSd(row, 'auc', fixed),
      withSd(row, 'top10', pct),
      withSd(row, 'top1', pct),
    ];
    if (showSegments)
      cells.push(segmentNames.map((n) => `${Math.round(100 * (row.top10Segments[n] ?? 0))}`).join(' / '));
    return cells;
  });
  lines.push(markdownTable(header, rows));
  lines.push(
    '',
    `Domain build vs frozen v1: rank correlation ${result.domainVsV1Spearman.toFixed(3)}` +
      `${result.domainVsV1Spearman > 0.99999 ? ' (the build still ranks as v1)' : ''}; ` +
      `computeScore took ${(result.domainScoreSeconds * 1000).toFixed(0)} ms for the population.`,
  );
  if (showSegments)
    lines.push(
      `Population: ${segmentNames.map((n) => `${n} ${Math.round(100 * s.segments[n])} %`).join(', ')}.`,
    );
  return lines.join('\n');
}

export function runPredictive(domain, options) {
  const selected = POPULATIONS.filter(
    (p) => options.populations === null || options.populations.includes(p.name),
  );
  const results = [];
  console.log(
    `\n## Predictive evaluation: ${options.customers.toLocaleString('en-US')} customers per population, ` +
      `seed ${options.seed}${options.repeats > 1 ? `, mean ± sd over ${options.repeats} seeds` : ''}; ` +
      `cut-off after ${CUTOFF_DAY / 7} weeks, holdout ${HOLDOUT_WEEKS} weeks\n`,
  );
  for (const population of selected) {
    const result = evaluatePopulation(population, domain, options);
    results.push(result);
    console.log(formatPopulation(result, options.repeats));
    console.log('');
  }
  return results;
}

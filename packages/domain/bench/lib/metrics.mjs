// How well a ranking at the cut-off predicts the holdout window. Ties are treated fairly
// everywhere (average ranks; shares split a tied group pro rata), because the simple
// baselines (frequency, RFM quintiles) tie a lot and must not win or lose by sort order.

/** 1-based ranks, ascending by value, ties sharing their average rank. */
export function averageRanks(values) {
  const order = Array.from(values, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(xs, ys) {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] / n;
    my += ys[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ with ties (Pearson correlation of average ranks). */
export function spearman(scores, outcomes) {
  return pearson(averageRanks(scores), averageRanks(outcomes));
}

/** Area under the ROC curve of `scores` for the 0/1 `labels` (Mann–Whitney, ties count half). */
export function auc(scores, labels) {
  const ranks = averageRanks(scores);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Share of the total outcome held by the top `fraction` of customers by score. A tied group
 * straddling the boundary contributes pro rata: the expected share under a random tie-break.
 */
export function topShare(scores, outcomes, fraction) {
  const order = Array.from(scores, (_, i) => i).sort((i, j) => scores[j] - scores[i]);
  let total = 0;
  for (const value of outcomes) total += value;
  if (total === 0) return NaN;
  const seats = fraction * scores.length;
  let taken = 0;
  let captured = 0;
  for (let start = 0; start < order.length && taken < seats;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const size = end - start + 1;
    let groupOutcome = 0;
    for (let k = start; k <= end; k++) groupOutcome += outcomes[order[k]];
    const share = Math.min(1, (seats - taken) / size);
    captured += share * groupOutcome;
    taken += size;
    start = end + 1;
  }
  return captured / total;
}

/** Every metric of the table for one ranking. */
export function evaluateRanking(scores, futurePurchases) {
  const buysAgain = futurePurchases.map((n) => (n > 0 ? 1 : 0));
  return {
    spearman: spearman(scores, futurePurchases),
    auc: auc(scores, buysAgain),
    top10: topShare(scores, futurePurchases, 0.1),
    top1: topShare(scores, futurePurchases, 0.01),
  };
}

// The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy way: an
// alternative to the Pareto/NBD model", Marketing Science 24(2): fitted by maximum likelihood
// and used to rank customers by their expected purchases in the holdout window.
//
// A customer's summary is { x, tx, T }: x repeat transactions (distinct purchase days after the
// first), tx the time of the last one and T the time of the cut-off, both measured from the
// first purchase, in weeks.
import { nelderMead } from './nelder-mead.mjs';
import { hypergeometric2F1, logGamma } from './special.mjs';

/** Log-likelihood of the whole sample (eq. 6 of the paper, summed over customers). */
export function bgNbdLogLikelihood({ r, alpha, a, b }, customers) {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const shared = logGamma(a + b) - logGamma(b) - logGamma(r) + r * Math.log(alpha);
  const byX = new Map(); // the gamma terms depend on x only
  let total = 0;
  for (const { x, tx, T } of customers) {
    let gammaTerms = byX.get(x);
    if (gammaTerms === undefined) {
      gammaTerms = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      byX.set(x, gammaTerms);
    }
    // log of (α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+tx)^−(r+x), computed as a log-sum-exp.
    const stillAlive = -(r + x) * Math.log(alpha + T);
    let mixture = stillAlive;
    if (x > 0) {
      const droppedAfterLast = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
      const high = Math.max(stillAlive, droppedAfterLast);
      mixture = high + Math.log(Math.exp(stillAlive - high) + Math.exp(droppedAfterLast - high));
    }
    total += shared + gammaTerms + mixture;
  }
  return total;
}

/**
 * Maximum-likelihood fit (Nelder–Mead on the log of the parameters, so they stay positive),
 * restarted from its own optimum until it stops improving, as simplex searches can stall.
 */
export function fitBgNbd(customers, start = { r: 1, alpha: 1, a: 1, b: 1 }) {
  const toParams = (theta) => ({
    r: Math.exp(theta[0]),
    alpha: Math.exp(theta[1]),
    a: Math.exp(theta[2]),
    b: Math.exp(theta[3]),
  });
  const objective = (theta) => {
    // Keep the search in a sane box: beyond it the likelihood is flat and the series slow.
    if (theta.some((t) => t < -12 || t > 12)) return Infinity;
    return -bgNbdLogLikelihood(toParams(theta), customers);
  };
  let theta = [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)];
  let best = Infinity;
  let evaluations = 0;
  for (let round = 0; round < 6; round++) {
    const result = nelderMead(objective, theta, { step: round === 0 ? 1 : 0.3 });
    evaluations += result.evaluations;
    theta = result.x;
    const improved = best - result.value > 1e-7;
    best = result.value;
    if (!improved) break;
  }
  return { ...toParams(theta), logLikelihood: -best, evaluations };
}

/**
 * E[Y(t) | x, tx, T]: expected transactions in the next t weeks (eq. 10 of the paper), which
 * needs 2F1(r+x, b+x; a+b+x−1; t/(α+T+t)).
 */
export function bgNbdExpectedTransactions({ r, alpha, a, b }, { x, tx, T }, t) {
  // The expression has a removable singularity at a = 1; step off it.
  const aSafe = Math.abs(a - 1) < 1e-6 ? 1 + 1e-6 : a;
  const z = t / (alpha + T + t);
  const hyp = hypergeometric2F1(r + x, b + x, aSafe + b + x - 1, z);
  const numerator =
    ((aSafe + b + x - 1) / (aSafe - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp);
  const denominator = x > 0 ? 1 + (aSafe / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return numerator / denominator;
}

/** P(alive | x, tx, T) (eq. 11); reported for context, not used to rank. */
export function bgNbdProbabilityAlive({ r, alpha, a, b }, { x, tx, T }) {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
}

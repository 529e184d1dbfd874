// Nelder–Mead simplex minimiser (Lagarias et al. 1998 coefficients), enough for four parameters.

/**
 * Minimises `f` from `start`. Returns { x, value, evaluations }. `step` sizes the initial simplex.
 * Non-finite values count as +Infinity, so the search simply steers away from them.
 */
export function nelderMead(f, start, { step = 0.5, maxEvaluations = 4000, tolerance = 1e-10 } = {}) {
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x) => {
    evaluations++;
    const value = f(x);
    return Number.isFinite(value) ? value : Infinity;
  };
  let simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const vertex = start.slice();
    vertex[i] += step;
    simplex.push(vertex);
  }
  let values = simplex.map(evaluate);
  const combine = (p, q, t) => p.map((pi, i) => pi + t * (q[i] - pi)); // p + t (q − p)

  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) break;

    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const reflected = combine(centroid, worst, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < values[0]) {
      const expanded = combine(centroid, worst, -2);
      const expandedValue = evaluate(expanded);
      if (expandedValue < reflectedValue) [simplex[n], values[n]] = [expanded, expandedValue];
      else [simplex[n], values[n]] = [reflected, reflectedValue];
      continue;
    }
    if (reflectedValue < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, reflectedValue];
      continue;
    }
    const outside = reflectedValue < values[n];
    const contracted = combine(centroid, worst, outside ? -0.5 : 0.5);
    const contractedValue = evaluate(contracted);
    if (contractedValue < (outside ? reflectedValue : values[n])) {
      [simplex[n], values[n]] = [contracted, contractedValue];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = combine(simplex[0], simplex[i], 0.5);
      values[i] = evaluate(simplex[i]);
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best], evaluations };
}

// The v2 model with its first defaults (main c5bbb1d): half-life 90, return bonus 2, spending cap 4, redemptions 1.5 (cap 3).
import { computeScore as domainScore, defaultScoringSettings as d } from '../../dist/index.js';
const settings = {
  ...d,
  halfLifeDays: 90,
  weeklyReturnBonus: 2,
  weights: { ...d.weights, CAMPAIGN_REDEMPTION: 1.5 },
  weeklyCaps: { ...d.weeklyCaps, PURCHASE: 4, CAMPAIGN_REDEMPTION: 3 },
};
export const computeScore = (interactions, now) => domainScore(interactions, settings, now);

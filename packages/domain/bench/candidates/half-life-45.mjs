// The tuned defaults with a 45-day half-life.
import { computeScore as domainScore, defaultScoringSettings as d } from '../../dist/index.js';
const settings = { ...d, halfLifeDays: 45 };
export const computeScore = (interactions, now) => domainScore(interactions, settings, now);

import fc from 'fast-check';
import { decideTier } from '../tiers/decide-tier.js';
import { TierDecisionKind } from '../tiers/tier-decision.js';
import { customer, tenTierLadder } from '../../test/fixtures.js';
import { applyInteractions } from './apply-interactions.js';
import { computeScore } from './compute-score.js';
import { InteractionType, INTERACTION_TYPES, type Interaction } from './interaction.js';
import { scoreAt } from './score-at.js';
import { initialScoreState, type ScoreState } from './score-state.js';
import { scoreStateOf } from './score-state-of.js';
import { scoreFromRankKey, scoreRankKey } from './score-rank-key.js';
import { defaultScoringSettings, type ScoringSettings } from './scoring-settings.js';

const T0 = Date.parse('2025-11-01T00:00:00Z');
const SPAN = 2 * 365 * 86_400_000; // two years: far beyond the state's exact window
const NOW = new Date(T0 + SPAN);

const interactionArb = fc.record({
  type: fc.constantFrom(...INTERACTION_TYPES),
  offset: fc.integer({ min: 0, max: SPAN }),
  amount: fc.double({ min: 0, max: 500, noNaN: true }),
  rating: fc.integer({ min: 1, max: 5 }),
  comment: fc.option(fc.constantFrom('ok', 'wonderful'), { nil: undefined }),
});
type Raw = typeof interactionArb extends fc.Arbitrary<infer T> ? T : never;

const toInteractions = (raws: Raw[]): Interaction[] =>
  raws.map((raw, i) => ({
    id: `e${i}`,
    type: raw.type,
    occurredAt: new Date(T0 + raw.offset),
    amount: raw.type === InteractionType.PURCHASE ? raw.amount : undefined,
    rating: raw.type === InteractionType.FEEDBACK ? raw.rating : undefined,
    comment: raw.type === InteractionType.FEEDBACK ? raw.comment : undefined,
  }));

const zones = fc.constantFrom('UTC', 'Europe/Paris', 'Pacific/Auckland', 'America/Los_Angeles');
/** What the worker does: fold each batch in, or recompute from everything stored so far. */
const ingest = (
  batches: Interaction[][],
  settings: ScoringSettings,
  check: (state: ScoreState, stored: Interaction[]) => void,
): ScoreState => {
  let state = initialScoreState();
  const stored: Interaction[] = [];
  for (const batch of batches) {
    stored.push(...batch);
    state = applyInteractions(state, batch, settings) ?? scoreStateOf(stored, settings);
    check(state, stored);
  }
  return state;
};
const incremental = (events: Interaction[], settings: ScoringSettings): number =>
  scoreAt(
    ingest(
      events.map((event) => [event]),
      settings,
      () => undefined,
    ),
    NOW,
    settings,
  );
const closeTo = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

// "Qualifying tier" = where a tierless customer would be upgraded on an uncapped ladder.
const ladder = tenTierLadder(10);
const qualifyingRank = (score: number): number => {
  const decision = decideTier(customer({ score }), ladder, {}, NOW);
  return decision.kind === TierDecisionKind.UPGRADE ? Number(decision.toTierId.slice(1)) : 0;
};

describe('score properties', () => {
  it('does not depend on arrival order and equals the from-scratch value', () => {
    fc.assert(
      fc.property(
        fc.array(interactionArb, { maxLength: 40 }),
        zones,
        fc.infiniteStream(fc.nat()),
        (raws, timeZone, shuffle) => {
          const settings = { ...defaultScoringSettings, timeZone };
          const events = toInteractions(raws);
          const shuffled = events
            .map((event) => ({ event, key: shuffle.next().value }))
            .sort((a, b) => a.key - b.key)
            .map(({ event }) => event);
          const fromScratch = computeScore(events, settings, NOW);
          return (
            closeTo(incremental(events, settings), fromScratch) &&
            closeTo(incremental(shuffled, settings), fromScratch)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays exact at every prefix for events over two years, in random order and random batches', () => {
    fc.assert(
      fc.property(
        fc.array(interactionArb, { maxLength: 60 }),
        zones,
        fc.infiniteStream(fc.nat()),
        fc.integer({ min: 1, max: 8 }),
        (raws, timeZone, shuffle, window) => {
          const settings = { ...defaultScoringSettings, timeZone, exactWindowWeeks: window };
          const events = toInteractions(raws)
            .map((event) => ({ event, key: shuffle.next().value }))
            .sort((a, b) => a.key - b.key)
            .map(({ event }) => event);
          const batches: Interaction[][] = [];
          for (let i = 0; i < events.length;) {
            const size = 1 + (shuffle.next().value % 5);
            batches.push(events.slice(i, i + size));
            i += size;
          }
          let exact = true;
          ingest(batches, settings, (state, stored) => {
            exact &&= closeTo(scoreAt(state, NOW, settings), computeScore(stored, settings, NOW));
          });
          return exact;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ranks by the stored key exactly as by the score as of any later now', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(interactionArb, { maxLength: 12 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 0, max: 3 * 365 }),
        (customers, daysLater) => {
          const now = new Date(T0 + SPAN + daysLater * 86_400_000);
          const states = customers.map((raws) => scoreStateOf(toInteractions(raws), defaultScoringSettings));
          const byKey = states.map((state) => scoreRankKey(state, defaultScoringSettings));
          const byScore = states.map((state) => scoreAt(state, now, defaultScoringSettings));
          for (let a = 0; a < states.length; a++) {
            if (byKey[a] !== -Infinity) {
              const read = scoreFromRankKey(byKey[a], now, defaultScoringSettings);
              if (!closeTo(read, byScore[a])) return false;
            }
            for (let b = 0; b < states.length; b++) {
              // Keys that differ by more than rounding order the scores the same way.
              if (byKey[a] > byKey[b] + 1e-9 && !(byScore[a] > byScore[b])) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('more interactions never lower the score nor the qualifying tier', () => {
    fc.assert(
      fc.property(
        fc.array(interactionArb, { maxLength: 30 }),
        fc.array(interactionArb, { minLength: 1, maxLength: 10 }),
        (base, extra) => {
          const before = computeScore(toInteractions(base), defaultScoringSettings, NOW) * 3;
          const after = computeScore(toInteractions([...base, ...extra]), defaultScoringSettings, NOW) * 3;
          return after >= before - 1e-9 && qualifyingRank(after + 1e-9) >= qualifyingRank(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('better interactions (bigger basket, higher rating) never lower the score', () => {
    fc.assert(
      fc.property(
        fc.array(interactionArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (base, pick, extraAmount) => {
          const index = pick % base.length;
          const improved = base.map((raw, i) =>
            i === index
              ? {
                  ...raw,
                  amount: raw.amount + extraAmount,
                  rating: Math.min(5, raw.rating + 1),
                  comment: 'wonderful' as const,
                }
              : raw,
          );
          const before = computeScore(toInteractions(base), defaultScoringSettings, NOW);
          const after = computeScore(toInteractions(improved), defaultScoringSettings, NOW);
          return after >= before - 1e-9 && qualifyingRank(after * 3 + 1e-9) >= qualifyingRank(before * 3);
        },
      ),
      { numRuns: 200 },
    );
  });
});

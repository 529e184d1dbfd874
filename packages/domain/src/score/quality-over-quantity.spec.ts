import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { exampleScores, exampleTable } from '../../test/score-example.js';
import { computeScore } from './compute-score.js';
import { InteractionType, type Interaction } from './interaction.js';
import { pointsForInteraction } from './interaction-points.js';
import { defaultScoringSettings, type ScoringSettings } from './scoring-settings.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const MONDAY = Date.parse('2026-01-05T00:00:00Z');

describe('quality over quantity: the worked example', () => {
  // Whatever weekday the six weeks start on, a burst may straddle one or two calendar weeks.
  it.each([0, 1, 2, 3, 4, 5, 6])(
    'ranks the regular first, at least 1.5× every other customer (day 0 = Monday + %i)',
    (shift) => {
      const [regular, ...others] = exampleScores(MONDAY + shift * DAY);
      for (const other of others) {
        expect(regular.day42).toBeGreaterThanOrEqual(1.5 * other.day42);
        expect(regular.day70).toBeGreaterThanOrEqual(1.5 * other.day70);
      }
    },
  );

  it('is the table in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = /<!-- score-example:start -->([\s\S]*?)<!-- score-example:end -->/.exec(readme)?.[1];
    // Prettier pads markdown tables: compare cells, not spacing.
    const cells = (markdown: string | undefined): string[][] =>
      (markdown ?? '')
        .trim()
        .split('\n')
        .map((row) => row.split('|').map((cell) => cell.trim().replace(/^-+$/, '-')));
    expect(cells(table)).toEqual(cells(exampleTable()));
  });
});

/**
 * Steady versus burst, exactly. N identical interactions (p points each) are either spread m per
 * week over the n most recent weeks (steady), or crammed into the k < n most recent weeks, at
 * least one per week, split any way (burst). With q = 2^(−7/halfLife) and the week's cap C and
 * return bonus R:
 *   steady S = (min(C, m·p) + R) · (1 − qⁿ) / (1 − q)
 *   the strongest burst B*(k) puts each further interaction where it adds most (greedy on the
 *   marginal points q^j · (min(C, x·p) − min(C, (x−1)·p)), optimal because each week's gains
 *   shrink and weeks only differ by q^j).
 * Steady beats every burst into k weeks exactly when S > B*(k). All values are at the start of
 * the newest week and decay alike afterwards, so the comparison holds at any later time.
 */
function strongestBurst(total: number, k: number, p: number, cap: number, bonus: number, q: number): number {
  const counts = Array.from({ length: k }, () => 1);
  const gain = (j: number): number =>
    q ** j * (Math.min(cap, (counts[j] + 1) * p) - Math.min(cap, counts[j] * p));
  for (let left = total - k; left > 0; left--) {
    let best = 0;
    for (let j = 1; j < k; j++) if (gain(j) > gain(best)) best = j;
    counts[best] += 1;
  }
  return counts.reduce((sum, c, j) => sum + q ** j * (Math.min(cap, c * p) + bonus), 0);
}

function scheduleScore(
  countsPerWeek: number[],
  make: (at: Date, id: string) => Interaction,
  settings: ScoringSettings,
): number {
  // countsPerWeek[0] is the newest week; the score is read at that week's start (its anchor).
  const newest = MONDAY + 52 * WEEK;
  const interactions = countsPerWeek.flatMap((count, j) =>
    Array.from({ length: count }, (_, i) => make(new Date(newest - j * WEEK + i * 60_000), `${j}-${i}`)),
  );
  return computeScore(interactions, settings, new Date(newest + countsPerWeek[0] * 60_000));
}

describe('quality over quantity: steady beats burst, exactly when S > B*(k)', () => {
  it('holds for the same interactions moved into fewer weeks (2,000 runs)', () => {
    const arbitrary = fc
      .record({
        n: fc.integer({ min: 2, max: 12 }),
        m: fc.integer({ min: 1, max: 4 }),
        kind: fc.constantFrom('visit', 'referral', 'purchase'),
        amount: fc.integer({ min: 1, max: 300 }),
        halfLifeDays: fc.integer({ min: 7, max: 365 }),
        cap: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        bonus: fc.integer({ min: 0, max: 5 }),
        splitSeed: fc.array(fc.nat(), { minLength: 48, maxLength: 48 }),
      })
      .chain((c) => fc.record({ k: fc.integer({ min: 1, max: c.n - 1 }) }).map(({ k }) => ({ ...c, k })));
    fc.assert(
      fc.property(arbitrary, ({ n, m, k, kind, amount, halfLifeDays, cap, bonus, splitSeed }) => {
        const type =
          kind === 'visit'
            ? InteractionType.VISIT
            : kind === 'referral'
              ? InteractionType.REFERRAL
              : InteractionType.PURCHASE;
        const settings: ScoringSettings = {
          ...defaultScoringSettings,
          halfLifeDays,
          weeklyReturnBonus: bonus,
          weeklyCaps: { ...defaultScoringSettings.weeklyCaps, [type]: cap },
        };
        const make = (at: Date, id: string): Interaction => ({
          id,
          type,
          occurredAt: at,
          ...(type === InteractionType.PURCHASE ? { amount } : {}),
        });
        const p = pointsForInteraction(make(new Date(0), 'p'), settings);
        const q = 2 ** (-7 / halfLifeDays);
        const C = cap ?? Infinity;
        const total = n * m;

        const steady = scheduleScore(Array(n).fill(m), make, settings);
        const S = ((Math.min(C, m * p) + bonus) * (1 - q ** n)) / (1 - q);
        const bStar = strongestBurst(total, k, p, C, bonus, q);

        // Any split of the burst: one per week, the rest placed by the seed.
        const split = Array(k).fill(1);
        for (let i = 0; i < total - k; i++) split[splitSeed[i % splitSeed.length] % k] += 1;
        const burst = scheduleScore(split, make, settings);

        const tolerance = 1e-9 * Math.max(1, S, bStar);
        const startOfWeekDecay = (score: number, counts: number[]) =>
          score / 2 ** (-(counts[0] * 60_000) / (halfLifeDays * DAY));
        expect(startOfWeekDecay(steady, Array(n).fill(m))).toBeCloseTo(S, 6);
        expect(startOfWeekDecay(burst, split)).toBeLessThanOrEqual(bStar + tolerance);
        if (S > bStar + tolerance) expect(startOfWeekDecay(burst, split)).toBeLessThan(S);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is attained: the greedy burst scores B*(k), so the condition is exact, not only sufficient', () => {
    const settings = { ...defaultScoringSettings, halfLifeDays: 30 };
    const bonus = settings.weeklyReturnBonus;
    const make = (at: Date, id: string): Interaction => ({ id, type: InteractionType.VISIT, occurredAt: at });
    const q = 2 ** (-7 / 30);
    // 12 visits into 2 weeks: greedy gives 3 (the cap) to each week, the rest are worthless.
    expect(settings.weeklyCaps[InteractionType.VISIT]).toBe(3);
    expect(scheduleScore([9, 3], make, settings) / 2 ** (-(9 * 60_000) / (30 * DAY))).toBeCloseTo(
      strongestBurst(12, 2, 1, 3, bonus, q),
      9,
    );
    expect(strongestBurst(12, 2, 1, 3, bonus, q)).toBeCloseTo((3 + bonus) * (1 + q), 12);
  });
});

describe('quality over quantity: depth beats volume, per week, with the defaults', () => {
  const monday = MONDAY + 10 * WEEK;
  const week = (events: Omit<Interaction, 'id' | 'occurredAt'>[]): number =>
    computeScore(
      events.map((e, i) => ({ ...e, id: `d${i}`, occurredAt: new Date(monday + i * 60_000) })),
      defaultScoringSettings,
      new Date(monday + WEEK),
    );
  // However much is spent in a week, and however many discounts are used.
  const spending = week(
    Array.from({ length: 20 }, () => ({ type: InteractionType.PURCHASE, amount: 1_000 })),
  );
  const discounts = week(
    Array.from({ length: 20 }, () => ({ type: InteractionType.CAMPAIGN_REDEMPTION, campaignId: 'k' })),
  );

  it('one feedback, any rating, earns as much as a week of unlimited spending, more with a comment', () => {
    const feedback = week([{ type: InteractionType.FEEDBACK, rating: 1 }]);
    expect(feedback).toBeGreaterThanOrEqual(spending);
    expect(week([{ type: InteractionType.FEEDBACK, rating: 1, comment: 'cold' }])).toBeGreaterThan(spending);
  });

  it('one referral outweighs a week of unlimited spending', () => {
    expect(week([{ type: InteractionType.REFERRAL }])).toBeGreaterThan(spending);
  });

  it('a week of redemptions counts as a return, but earns less than a single visit on top', () => {
    const returnOnly =
      defaultScoringSettings.weeklyReturnBonus * 2 ** (-7 / defaultScoringSettings.halfLifeDays);
    expect(discounts).toBeGreaterThan(returnOnly);
    expect(discounts).toBeLessThan(week([{ type: InteractionType.VISIT }]));
  });
});

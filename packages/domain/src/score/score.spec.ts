import { DomainError } from '../errors/domain-error.js';
import { applyInteraction } from './apply-interaction.js';
import { computeScore } from './compute-score.js';
import { explainScore } from './explain-score.js';
import { InteractionType, type Interaction } from './interaction.js';
import { scoreAt } from './score-at.js';
import { rankKeyForScore, scoreFromRankKey, scoreRankKey } from './score-rank-key.js';
import { scoreStateOf } from './score-state-of.js';
import { localWeekNumber } from './score-week.js';
import { initialScoreState, type ScoreState } from './score-state.js';
import { defaultScoringSettings, type ScoringSettings } from './scoring-settings.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T10:00:00Z');
let seq = 0;
const ev = (type: InteractionType, atMs: number, fields: Partial<Interaction> = {}): Interaction => ({
  id: `e${++seq}`,
  type,
  occurredAt: new Date(atMs),
  ...fields,
});
const fold = (events: Interaction[], settings: ScoringSettings = defaultScoringSettings): ScoreState =>
  events.reduce((state, event) => {
    const next = applyInteraction(state, event, settings);
    if (next === null) throw new Error(`${event.id} could not be folded in exactly`);
    return next;
  }, initialScoreState());

describe('score', () => {
  it('starts at zero and is JSON-round-trippable', () => {
    const state = fold([ev(InteractionType.VISIT, T0), ev(InteractionType.REFERRAL, T0 + DAY)]);
    expect(scoreAt(initialScoreState(), new Date(T0), defaultScoringSettings)).toBe(0);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('halves after one half-life', () => {
    // A Monday at midnight: the week's anchor, so the referral and its return bonus start whole.
    const { halfLifeDays, weights, weeklyReturnBonus } = defaultScoringSettings;
    const monday = Date.parse('2026-11-02T00:00:00Z');
    const state = fold([ev(InteractionType.REFERRAL, monday)]);
    expect(scoreAt(state, new Date(monday + halfLifeDays * DAY), defaultScoringSettings)).toBeCloseTo(
      (weights[InteractionType.REFERRAL] + weeklyReturnBonus) / 2,
      10,
    );
  });

  it('reads the value at asOf when asked about an earlier instant', () => {
    const state = fold([ev(InteractionType.VISIT, T0)]);
    expect(scoreAt(state, new Date(T0 - DAY), defaultScoringSettings)).toBe(state.points);
  });

  it('caps each type per local week, and earns the return bonus once per active week', () => {
    const monday = Date.parse('2026-11-02T08:00:00Z');
    const visits = [0, 1, 2, 3, 4].map((d) => ev(InteractionType.VISIT, monday + d * DAY));
    const now = new Date(monday + 5 * DAY);
    const capped = computeScore(visits, defaultScoringSettings, now);
    expect(capped).toBeCloseTo(scoreAt(fold(visits), now, defaultScoringSettings), 10);
    // Three visits count, plus one return bonus, decayed over the five days since Monday.
    const { halfLifeDays, weeklyCaps, weeklyReturnBonus } = defaultScoringSettings;
    const decay = 2 ** (-(5 * DAY + 8 * 3_600_000) / (halfLifeDays * DAY));
    expect(weeklyCaps[InteractionType.VISIT]).toBe(3);
    expect(capped).toBeCloseTo((3 + weeklyReturnBonus) * decay, 10);
  });

  it('ignores zero-point events without touching the state', () => {
    const state = fold([ev(InteractionType.VISIT, T0)]);
    expect(
      applyInteraction(state, ev(InteractionType.PURCHASE, T0 + DAY, { amount: 0 }), defaultScoringSettings),
    ).toBe(state);
  });

  it('refuses an Invalid Date, a NaN amount or an Invalid now with a DomainError naming the field', () => {
    const state = fold([ev(InteractionType.VISIT, T0)]);
    const refused = (run: () => unknown, path: string) => {
      expect(run).toThrow(DomainError);
      try {
        run();
      } catch (error) {
        expect((error as DomainError).problems[0].path).toBe(path);
      }
    };
    refused(
      () => applyInteraction(state, ev(InteractionType.VISIT, NaN), defaultScoringSettings),
      'interaction.occurredAt',
    );
    refused(
      () =>
        applyInteraction(state, ev(InteractionType.PURCHASE, T0, { amount: NaN }), defaultScoringSettings),
      'interaction.amount',
    );
    refused(() => scoreAt(state, new Date(NaN), defaultScoringSettings), 'now');
    refused(
      () => computeScore([ev(InteractionType.VISIT, NaN)], defaultScoringSettings, new Date(T0)),
      'interactions[0].occurredAt',
    );
    refused(
      () =>
        scoreStateOf(
          [ev(InteractionType.VISIT, T0, { id: 'x' }), ev(InteractionType.VISIT, T0, { id: 'x' })],
          defaultScoringSettings,
        ),
      'interactions[1].id',
    );
    refused(() => rankKeyForScore(NaN, new Date(T0), defaultScoringSettings), 'score');
    refused(() => scoreFromRankKey(NaN, new Date(T0), defaultScoringSettings), 'key');
  });

  it('keeps only the exact window of weeks, and says when it can no longer fold exactly', () => {
    const settings = { ...defaultScoringSettings, exactWindowWeeks: 2 };
    const state = fold(
      [0, 1, 2, 3, 4, 5].map((w) => ev(InteractionType.VISIT, T0 + w * 7 * DAY)),
      settings,
    );
    const newest = localWeekNumber(T0 + 5 * 7 * DAY, 'UTC');
    expect(state.weeks.map((week) => week.week)).toEqual([newest - 2, newest - 1, newest]);
    expect(state.exactFromWeek).toBe(newest - 2);
    expect(applyInteraction(state, ev(InteractionType.VISIT, T0), settings)).toBeNull();
    expect(applyInteraction(state, ev(InteractionType.VISIT, T0 + 3 * 7 * DAY), settings)).not.toBeNull();
  });

  it('folds an old late event exactly while nothing older was dropped', () => {
    const settings = { ...defaultScoringSettings, exactWindowWeeks: 1 };
    const today = ev(InteractionType.VISIT, T0 + 60 * DAY);
    const old = ev(InteractionType.VISIT, T0);
    const state = fold([today, old], settings);
    const now = new Date(T0 + 60 * DAY);
    expect(scoreAt(state, now, settings)).toBeCloseTo(computeScore([today, old], settings, now), 10);
  });

  it('asks for a recompute on a state of the first model', () => {
    const v1 = { version: 1, points: 3, asOf: T0, buckets: [] } as unknown as ScoreState;
    expect(applyInteraction(v1, ev(InteractionType.VISIT, T0), defaultScoringSettings)).toBeNull();
  });

  it('rebuilds the state from every interaction, equal to the from-scratch score', () => {
    const events = [60, 0, 3, 30, 1, 59].map((d) => ev(InteractionType.VISIT, T0 + d * DAY));
    const now = new Date(T0 + 61 * DAY);
    const settings = { ...defaultScoringSettings, exactWindowWeeks: 1 };
    expect(scoreAt(scoreStateOf(events, settings), now, settings)).toBeCloseTo(
      computeScore(events, settings, now),
      10,
    );
  });

  it('matches the from-scratch value for a late event within the window', () => {
    const events = [
      ev(InteractionType.VISIT, T0 + 3 * DAY),
      ev(InteractionType.VISIT, T0),
      ev(InteractionType.VISIT, T0 + 5),
      ev(InteractionType.VISIT, T0 + 9),
    ];
    const now = new Date(T0 + 4 * DAY);
    expect(scoreAt(fold(events), now, defaultScoringSettings)).toBeCloseTo(
      computeScore(events, defaultScoringSettings, now),
      10,
    );
  });

  it('uses local weeks of the configured zone', () => {
    const settings = { ...defaultScoringSettings, timeZone: 'Pacific/Auckland' };
    // Sunday 10:00Z is Sunday 23:00 in Auckland (NZDT = +13); 12:00Z is already Monday there.
    const visits = [
      ev(InteractionType.VISIT, Date.parse('2026-11-08T10:00:00Z')),
      ev(InteractionType.VISIT, Date.parse('2026-11-08T10:00:00Z')),
      ev(InteractionType.VISIT, Date.parse('2026-11-08T12:00:00Z')),
    ];
    const now = new Date('2026-11-09T00:00:00Z');
    expect(fold(visits, settings).weeks).toHaveLength(2);
    expect(fold(visits, defaultScoringSettings).weeks).toHaveLength(1);
    expect(scoreAt(fold(visits, settings), now, settings)).toBeCloseTo(
      computeScore(visits, settings, now),
      10,
    );
  });

  it('ignores events after now when computing from scratch', () => {
    expect(computeScore([ev(InteractionType.REFERRAL, T0 + DAY)], defaultScoringSettings, new Date(T0))).toBe(
      0,
    );
  });

  it('treats a null cap as uncapped', () => {
    const settings: ScoringSettings = {
      ...defaultScoringSettings,
      weeklyReturnBonus: 0,
      weeklyCaps: { ...defaultScoringSettings.weeklyCaps, [InteractionType.VISIT]: null },
    };
    const visits = [1, 2, 3, 4, 5].map((m) => ev(InteractionType.VISIT, T0 + m));
    const sinceMonday = T0 + 10 - Date.parse('2026-10-26T00:00:00Z');
    expect(computeScore(visits, settings, new Date(T0 + 10))).toBeCloseTo(
      5 * 2 ** (-sinceMonday / (settings.halfLifeDays * DAY)),
      10,
    );
    expect(scoreAt(fold(visits, settings), new Date(T0 + 10), settings)).toBeCloseTo(
      computeScore(visits, settings, new Date(T0 + 10)),
      10,
    );
  });
});

describe('score rank key', () => {
  it('reads back the score as of any later instant', () => {
    const state = fold([ev(InteractionType.REFERRAL, T0), ev(InteractionType.VISIT, T0 + DAY)]);
    const key = scoreRankKey(state, defaultScoringSettings);
    for (const later of [DAY, 10 * DAY, 400 * DAY]) {
      const now = new Date(T0 + later);
      const expected = scoreAt(state, now, defaultScoringSettings);
      expect(scoreFromRankKey(key, now, defaultScoringSettings)).toBeCloseTo(expected, 9);
      expect(rankKeyForScore(expected, now, defaultScoringSettings)).toBeCloseTo(key, 9);
    }
  });

  it('is −Infinity for a customer with no points, who reads as 0 and sorts last', () => {
    expect(scoreRankKey(initialScoreState(), defaultScoringSettings)).toBe(-Infinity);
    expect(scoreFromRankKey(-Infinity, new Date(T0), defaultScoringSettings)).toBe(0);
    expect(rankKeyForScore(0, new Date(T0), defaultScoringSettings)).toBe(-Infinity);
  });
});

describe('explainScore', () => {
  const events = [
    ev(InteractionType.VISIT, T0, { id: 'v1' }),
    ev(InteractionType.VISIT, T0 + 1000, { id: 'v2' }),
    ev(InteractionType.VISIT, T0 + 2000, { id: 'v3' }),
    ev(InteractionType.VISIT, T0 + 3000, { id: 'v4' }),
    ev(InteractionType.REFERRAL, T0, { id: 'r1', referredCustomerRef: 'c9' }),
    ev(InteractionType.FEEDBACK, T0, { id: 'f1', rating: 5, comment: 'great' }),
    ev(InteractionType.PURCHASE, T0, { id: 'p0', amount: 0 }),
  ];
  const now = new Date(T0 + DAY);
  const explanation = explainScore(events, defaultScoringSettings, now);

  it('adds up to computeScore', () => {
    expect(explanation.total).toBeCloseTo(computeScore(events, defaultScoringSettings, now), 10);
  });

  it('lists every type with points and counts, capped weeks shared between their events', () => {
    expect(explanation.byType.map((row) => [row.type, row.count])).toEqual([
      [InteractionType.PURCHASE, 0],
      [InteractionType.VISIT, 4],
      [InteractionType.FEEDBACK, 1],
      [InteractionType.REFERRAL, 1],
      [InteractionType.CAMPAIGN_REDEMPTION, 0],
    ]);
    const visitShares = explanation.topContributors.filter((c) => c.type === InteractionType.VISIT);
    expect(visitShares.map((c) => c.interactionId)).toEqual(['v1', 'v2', 'v3']);
    expect(explanation.byType[1].count).toBe(4);
    const visitRow = explanation.byType.find((row) => row.type === InteractionType.VISIT)!;
    for (const share of visitShares) expect(share.points).toBeCloseTo(visitRow.points / 4, 12);
    expect(visitRow.points).toBeLessThan(3);
  });

  it('shows what coming back earned on its own line', () => {
    expect(explanation.regularity.activeWeeks).toBe(1);
    // One return bonus, decayed over less than a week.
    const bonus = defaultScoringSettings.weeklyReturnBonus;
    expect(explanation.regularity.points).toBeGreaterThan(0.9 * bonus);
    expect(explanation.regularity.points).toBeLessThan(bonus);
  });

  it('breaks ties between equal contributions by interaction id', () => {
    const twins = [
      ev(InteractionType.REFERRAL, T0, { id: 'z' }),
      ev(InteractionType.REFERRAL, T0, { id: 'a' }),
    ];
    expect(
      explainScore(twins, defaultScoringSettings, now).topContributors.map((c) => c.interactionId),
    ).toEqual(['a', 'z']);
  });

  it('puts the biggest contributors first and skips worthless events', () => {
    expect(explanation.topContributors.map((c) => c.interactionId)).toEqual(['r1', 'f1', 'v1', 'v2', 'v3']);
    expect(explainScore(events, defaultScoringSettings, now, 2).topContributors).toHaveLength(2);
    expect(explainScore(events, defaultScoringSettings, now, -1).topContributors).toEqual([]);
  });
});

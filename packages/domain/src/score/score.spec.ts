import { applyInteraction } from './apply-interaction.js';
import { computeScore } from './compute-score.js';
import { explainScore } from './explain-score.js';
import { InteractionType, type Interaction } from './interaction.js';
import { scoreAt } from './score-at.js';
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
  events.reduce((state, event) => applyInteraction(state, event, settings), initialScoreState());

describe('score', () => {
  it('starts at zero and is JSON-round-trippable', () => {
    const state = fold([ev(InteractionType.VISIT, T0), ev(InteractionType.REFERRAL, T0 + DAY)]);
    expect(scoreAt(initialScoreState(), new Date(T0), defaultScoringSettings)).toBe(0);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('halves after one half-life', () => {
    const state = fold([ev(InteractionType.REFERRAL, Date.parse('2026-11-01T00:00:00Z'))]);
    expect(
      scoreAt(state, new Date(Date.parse('2026-11-01T00:00:00Z') + 90 * DAY), defaultScoringSettings),
    ).toBeCloseTo(4, 10);
  });

  it('reads the value at asOf when asked about an earlier instant', () => {
    const state = fold([ev(InteractionType.VISIT, T0)]);
    expect(scoreAt(state, new Date(T0 - DAY), defaultScoringSettings)).toBe(state.points);
  });

  it('caps each type per local day: bursts are not loyalty', () => {
    const visits = [0, 1, 2, 3, 4].map((h) => ev(InteractionType.VISIT, T0 + h * 3_600_000));
    const now = new Date(T0 + 5 * 3_600_000);
    const capped = computeScore(visits, defaultScoringSettings, now);
    expect(capped).toBeCloseTo(scoreAt(fold(visits), now, defaultScoringSettings), 10);
    expect(capped).toBeLessThan(2.01);
    expect(capped).toBeGreaterThan(1.99);
  });

  it('ignores zero-point and invalid events without touching the state', () => {
    const state = fold([ev(InteractionType.VISIT, T0)]);
    expect(
      applyInteraction(state, ev(InteractionType.PURCHASE, T0 + DAY, { amount: 0 }), defaultScoringSettings),
    ).toBe(state);
    expect(applyInteraction(state, ev(InteractionType.VISIT, NaN), defaultScoringSettings)).toBe(state);
  });

  it('keeps only the late-arrival window of buckets', () => {
    const settings = { ...defaultScoringSettings, lateArrivalWindowDays: 2 };
    const state = fold(
      [0, 1, 2, 3, 4, 5].map((d) => ev(InteractionType.VISIT, T0 + d * DAY)),
      settings,
    );
    expect(state.buckets.map((bucket) => bucket.day)).toEqual(
      [3, 4, 5].map((d) => Math.floor((T0 + d * DAY) / DAY)),
    );
  });

  it('counts an event later than the window against a fresh bucket (documented over-count)', () => {
    const settings = { ...defaultScoringSettings, lateArrivalWindowDays: 1 };
    const early = [ev(InteractionType.VISIT, T0), ev(InteractionType.VISIT, T0 + 1000)];
    const lateVisit = ev(InteractionType.VISIT, T0 + 2000);
    const state = fold([...early, ev(InteractionType.VISIT, T0 + 10 * DAY), lateVisit], settings);
    const now = new Date(T0 + 10 * DAY);
    const exact = computeScore(
      [...early, lateVisit, ev(InteractionType.VISIT, T0 + 10 * DAY)],
      settings,
      now,
    );
    expect(scoreAt(state, now, settings)).toBeGreaterThan(exact);
    expect(state.buckets).toHaveLength(1);
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

  it('uses local days of the configured zone for caps', () => {
    const settings = { ...defaultScoringSettings, timeZone: 'Pacific/Auckland' };
    // 10:00Z and 12:00Z fall on two different Auckland days (23:00 and 01:00 local, NZDT = +13).
    const visits = [
      ev(InteractionType.VISIT, Date.parse('2026-11-01T10:00:00Z')),
      ev(InteractionType.VISIT, Date.parse('2026-11-01T10:00:00Z')),
      ev(InteractionType.VISIT, Date.parse('2026-11-01T12:00:00Z')),
    ];
    const now = new Date('2026-11-02T00:00:00Z');
    expect(fold(visits, settings).buckets).toHaveLength(2);
    expect(scoreAt(fold(visits, settings), now, settings)).toBeCloseTo(
      computeScore(visits, settings, now),
      10,
    );
  });

  it('ignores events after now when computing from scratch', () => {
    expect(computeScore([ev(InteractionType.REFERRAL, T0 + DAY)], defaultScoringSettings, new Date(T0))).toBe(
      0,
    );
    expect(computeScore([ev(InteractionType.REFERRAL, NaN)], defaultScoringSettings, new Date(T0))).toBe(0);
  });

  it('treats a null cap as uncapped', () => {
    const settings: ScoringSettings = {
      ...defaultScoringSettings,
      dailyCaps: { ...defaultScoringSettings.dailyCaps, [InteractionType.VISIT]: null },
    };
    const visits = [1, 2, 3, 4, 5].map((m) => ev(InteractionType.VISIT, T0 + m));
    expect(computeScore(visits, settings, new Date(T0 + 10))).toBeCloseTo(5, 1);
    expect(scoreAt(fold(visits, settings), new Date(T0 + 10), settings)).toBeCloseTo(
      computeScore(visits, settings, new Date(T0 + 10)),
      10,
    );
  });
});

describe('explainScore', () => {
  const events = [
    ev(InteractionType.VISIT, T0, { id: 'v1' }),
    ev(InteractionType.VISIT, T0 + 1000, { id: 'v2' }),
    ev(InteractionType.VISIT, T0 + 2000, { id: 'v3' }),
    ev(InteractionType.REFERRAL, T0, { id: 'r1', referredCustomerRef: 'c9' }),
    ev(InteractionType.FEEDBACK, T0, { id: 'f1', rating: 5, comment: 'great' }),
    ev(InteractionType.PURCHASE, T0, { id: 'p0', amount: 0 }),
  ];
  const now = new Date(T0 + DAY);
  const explanation = explainScore(events, defaultScoringSettings, now);

  it('adds up to computeScore', () => {
    expect(explanation.total).toBeCloseTo(computeScore(events, defaultScoringSettings, now), 10);
  });

  it('lists every type with points and counts, capped days shared between their events', () => {
    expect(explanation.byType.map((row) => [row.type, row.count])).toEqual([
      [InteractionType.PURCHASE, 1],
      [InteractionType.VISIT, 3],
      [InteractionType.FEEDBACK, 1],
      [InteractionType.REFERRAL, 1],
      [InteractionType.CAMPAIGN_REDEMPTION, 0],
    ]);
    const visitShares = explanation.topContributors.filter((c) => c.type === InteractionType.VISIT);
    expect(visitShares.map((c) => c.interactionId)).toEqual(['v1', 'v2', 'v3']);
    const visitRow = explanation.byType.find((row) => row.type === InteractionType.VISIT)!;
    for (const share of visitShares) expect(share.points).toBeCloseTo(visitRow.points / 3, 12);
    expect(visitRow.points).toBeLessThan(2);
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

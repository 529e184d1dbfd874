import { InteractionType, type Interaction } from './interaction.js';
import { pointsForInteraction } from './interaction-points.js';
import { defaultScoringSettings } from './scoring-settings.js';

const at = new Date('2026-11-27T10:00:00Z');
const event = (fields: Partial<Interaction> & Pick<Interaction, 'type'>): Interaction => ({
  id: 'e',
  occurredAt: at,
  ...fields,
});

describe('pointsForInteraction (default settings)', () => {
  it.each<[string, Interaction, number]>([
    ['a visit', event({ type: InteractionType.VISIT }), 1],
    ['a referral', event({ type: InteractionType.REFERRAL, referredCustomerRef: 'c2' }), 8],
    ['a campaign redemption', event({ type: InteractionType.CAMPAIGN_REDEMPTION, campaignId: 'k' }), 0.5],
    [
      'a €10 purchase',
      event({ type: InteractionType.PURCHASE, amount: 10, currency: 'EUR' }),
      2 * Math.log1p(1),
    ],
    ['a €100 purchase', event({ type: InteractionType.PURCHASE, amount: 100 }), 2 * Math.log1p(10)],
    ['a purchase without amount', event({ type: InteractionType.PURCHASE }), 0],
    ['a refund', event({ type: InteractionType.PURCHASE, amount: -20 }), 0],
    ['an infinite amount', event({ type: InteractionType.PURCHASE, amount: Infinity }), 0],
    ['5-star feedback', event({ type: InteractionType.FEEDBACK, rating: 5 }), 4],
    ['1-star feedback', event({ type: InteractionType.FEEDBACK, rating: 1 }), 4],
    ['feedback without rating', event({ type: InteractionType.FEEDBACK }), 4],
    [
      '1-star feedback with a comment',
      event({ type: InteractionType.FEEDBACK, rating: 1, comment: 'Too cold' }),
      5,
    ],
    [
      '5-star feedback with a comment',
      event({ type: InteractionType.FEEDBACK, rating: 5, comment: 'Lovely' }),
      5,
    ],
    ['feedback with a blank comment', event({ type: InteractionType.FEEDBACK, rating: 5, comment: '  ' }), 4],
  ])('%s earns %p', (_, interaction, expected) => {
    expect(pointsForInteraction(interaction, defaultScoringSettings)).toBeCloseTo(expected, 12);
  });

  it('pays the same for every rating: feedback is rewarded, not praise', () => {
    const points = (rating: number, comment?: string): number =>
      pointsForInteraction(
        event({ type: InteractionType.FEEDBACK, rating, comment }),
        defaultScoringSettings,
      );
    for (const rating of [1, 2, 3, 4, 5]) {
      expect(points(rating)).toBe(points(5));
      expect(points(rating, 'why')).toBe(points(5, 'why'));
    }
    expect(points(1, 'why')).toBeGreaterThan(points(5));
  });

  it('gives diminishing returns on purchase amounts', () => {
    const points = (amount: number): number =>
      pointsForInteraction(event({ type: InteractionType.PURCHASE, amount }), defaultScoringSettings);
    expect(points(100)).toBeGreaterThan(points(10));
    expect(points(100)).toBeLessThan(10 * points(10));
  });
});

import { computeScore, DAY_MS, defaultScoringSettings, InteractionType } from '@inner-circle/domain';
import { checkInteraction } from '../../interactions/check-interaction.js';
import { DEMO_LADDER } from '../demo-ladder.js';
import {
  DEMO_HISTORY_DAYS,
  DemoPersona,
  type DemoHistory,
  generateDemoHistory,
  personaCounts,
} from '../demo-history.js';

const NOW = new Date('2026-12-01T03:00:00Z');
const PAST_CAMPAIGN = '7b0c4a52-3f0e-4d6c-9a51-8f3a2c1d0e01';
const settings = { ...defaultScoringSettings, timeZone: 'Europe/Paris' };

function history(seed = 13, now = NOW): DemoHistory {
  return generateDemoHistory({ seed, now, pastCampaignId: PAST_CAMPAIGN });
}

function scoresOf(demo: DemoHistory, now = NOW): Map<string, number> {
  const byRef = new Map<string, DemoHistory['interactions']>();
  for (const interaction of demo.interactions) {
    const list = byRef.get(interaction.customerExternalRef) ?? [];
    list.push(interaction);
    byRef.set(interaction.customerExternalRef, list);
  }
  return new Map(
    demo.customers.map((c) => [c.externalRef, computeScore(byRef.get(c.externalRef) ?? [], settings, now)]),
  );
}

describe('generateDemoHistory', () => {
  it('gives the same history for the same seed and now, and another for another seed', () => {
    expect(history(13)).toEqual(history(13));
    expect(history(14).interactions).not.toEqual(history(13).interactions);
  });

  it('is fixed relative to now: a later start shifts every interaction by the same amount', () => {
    const later = new Date(NOW.getTime() + 10 * DAY_MS);
    const shifted = history(13, later).interactions.map((i) => i.occurredAt.getTime() - 10 * DAY_MS);
    const base = history(13).interactions.map((i) => i.occurredAt.getTime());
    // The only exception is the clamp that keeps the newest interactions in the past of `now`.
    const same = shifted.filter((t, index) => t === base[index]).length;
    expect(same / base.length).toBeGreaterThan(0.99);
  });

  it('holds the population mix: a few hundred customers, mostly occasional and regular, a few evangelists', () => {
    const demo = history();
    expect(demo.customers).toHaveLength(320);
    const counted = Object.fromEntries(
      Object.values(DemoPersona).map((p) => [p, demo.customers.filter((c) => c.persona === p).length]),
    );
    expect(counted).toEqual(personaCounts(320));
    expect(counted[DemoPersona.EVANGELIST]).toBeGreaterThanOrEqual(10);
    expect(counted[DemoPersona.EVANGELIST]).toBeLessThan(counted[DemoPersona.DEAL_HUNTER]);
    expect(counted[DemoPersona.DEAL_HUNTER]).toBeLessThan(counted[DemoPersona.REGULAR]);
    expect(counted[DemoPersona.REGULAR]).toBeLessThan(counted[DemoPersona.OCCASIONAL]);
  });

  it('gives each persona its behaviour: evangelists give feedback and refer, deal-hunters redeem in bursts', () => {
    const demo = history();
    const persona = new Map(demo.customers.map((c) => [c.externalRef, c.persona]));
    const ofType = (type: InteractionType) => demo.interactions.filter((i) => i.type === type);
    const referrers = new Set(
      ofType(InteractionType.REFERRAL).map((i) => persona.get(i.customerExternalRef)),
    );
    expect([...referrers]).toEqual([DemoPersona.EVANGELIST]);
    expect(ofType(InteractionType.REFERRAL).length).toBeGreaterThan(20);
    const redeemers = new Set(
      ofType(InteractionType.CAMPAIGN_REDEMPTION).map((i) => persona.get(i.customerExternalRef)),
    );
    expect([...redeemers]).toEqual([DemoPersona.DEAL_HUNTER]);
    const feedbackBy = (p: DemoPersona) =>
      ofType(InteractionType.FEEDBACK).filter((i) => persona.get(i.customerExternalRef) === p).length;
    expect(feedbackBy(DemoPersona.EVANGELIST)).toBeGreaterThan(feedbackBy(DemoPersona.OCCASIONAL));
    // A deal-hunter's visits fall within few distinct weeks; a regular's spread over many.
    const activeWeeks = (ref: string) =>
      new Set(
        demo.interactions
          .filter((i) => i.customerExternalRef === ref)
          .map((i) => Math.floor((NOW.getTime() - i.occurredAt.getTime()) / (7 * DAY_MS))),
      ).size;
    const mean = (p: DemoPersona) => {
      const refs = demo.customers.filter((c) => c.persona === p).map((c) => c.externalRef);
      return refs.reduce((sum, ref) => sum + activeWeeks(ref), 0) / refs.length;
    };
    expect(mean(DemoPersona.REGULAR)).toBeGreaterThan(2 * mean(DemoPersona.DEAL_HUNTER));
  });

  it('dates everything in the last eight weeks, oldest first, and every referral names a demo customer', () => {
    const demo = history();
    const times = demo.interactions.map((i) => i.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW.getTime() - DEMO_HISTORY_DAYS * DAY_MS);
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
    const refs = new Set(demo.customers.map((c) => c.externalRef));
    for (const i of demo.interactions) {
      expect(refs.has(i.customerExternalRef)).toBe(true);
      if (i.referredCustomerRef) expect(refs.has(i.referredCustomerRef)).toBe(true);
    }
    expect(new Set(demo.interactions.map((i) => i.id)).size).toBe(demo.interactions.length);
    expect(demo.redeemers.every((ref) => refs.has(ref))).toBe(true);
  });

  it('makes only interactions the API accepts (the contract the worker applies)', () => {
    for (const { customerExternalRef, ...item } of history().interactions) {
      const check = checkInteraction(
        '3d7f4c1e-2a9b-4c8d-8e7f-1a2b3c4d5e6f',
        { ...item, customerExternalRef },
        NOW,
      );
      expect(check).toMatchObject({ ok: true });
    }
  });

  it('uses obviously fake people: reserved example.com addresses, made-up surnames', () => {
    const demo = history();
    expect(demo.customers.every((c) => c.email.endsWith('@example.com'))).toBe(true);
    expect(new Set(demo.customers.map((c) => c.email)).size).toBe(demo.customers.length);
  });

  it.each([0, 1, 2, 3, 4, 5, 6])(
    'fits the demo ladder (score model v2) whatever the weekday of the first start (+%i days): members in every tier, more qualifiers than inner-circle seats',
    (days) => {
      const now = new Date(NOW.getTime() + days * DAY_MS + days * 3_600_000);
      const scores = [...scoresOf(history(13, now), now).values()];
      const [regulars, friends, inner] = DEMO_LADDER;
      const within = (low: number, high: number) => scores.filter((s) => s >= low && s < high).length;
      expect(within(regulars.entryScore, friends.entryScore)).toBeGreaterThan(50);
      expect(within(friends.entryScore, inner.entryScore)).toBeGreaterThan(30);
      const qualifiers = scores.filter((s) => s >= inner.entryScore).length;
      // A full inner circle with a waitlist, formed within one quota period on the first start.
      expect(qualifiers).toBeGreaterThan(inner.capacity! + 5);
      expect(inner.capacity!).toBeLessThanOrEqual(inner.quotaLimit!);
      // Some newcomers stay below the first rung (their first week is about 8 points).
      expect(scores.filter((s) => s < regulars.entryScore).length).toBeGreaterThan(30);
    },
  );
});

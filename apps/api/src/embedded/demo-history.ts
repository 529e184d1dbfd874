import { DAY_MS, InteractionType } from '@inner-circle/domain';

/**
 * The demo business's past: a café's customers over the last eight weeks, generated from a seed
 * so every first start shows the same story (relative to its own "now"). Pure: no clock, no I/O.
 * The seed service feeds it through the normal ingest path, so what the screens show is computed,
 * never invented.
 */

export enum DemoPersona {
  /** Comes back most weeks, one to three visits, usually buys something. */
  REGULAR = 'REGULAR',
  /** A handful of visits over the two months. */
  OCCASIONAL = 'OCCASIONAL',
  /** Weekly, leaves feedback with a comment, refers friends. */
  EVANGELIST = 'EVANGELIST',
  /** Shows up in bursts of a few days, around a deal. */
  DEAL_HUNTER = 'DEAL_HUNTER',
}

export interface DemoCustomer {
  externalRef: string;
  name: string;
  email: string;
  marketingConsent: boolean;
  persona: DemoPersona;
}

export interface DemoInteraction {
  id: string;
  customerExternalRef: string;
  type: InteractionType;
  occurredAt: Date;
  amount?: number;
  currency?: string;
  rating?: number;
  comment?: string;
  referredCustomerRef?: string;
  campaignId?: string;
}

export interface DemoHistory {
  customers: DemoCustomer[];
  /** Oldest first, every one before `now`. */
  interactions: DemoInteraction[];
  /** Who redeems the running campaign at the end of the seed (external refs, in order). */
  redeemers: string[];
}

export interface DemoHistoryOptions {
  seed: number;
  now: Date;
  /** Defaults to 320. */
  customerCount?: number;
  /** The ended campaign the deal-hunters' past redemptions name. */
  pastCampaignId: string;
  /** The past campaign ran over these days before now (defaults: 35 to 21 days ago). */
  pastCampaignDaysAgo?: { from: number; to: number };
}

export const DEMO_HISTORY_DAYS = 56;

/** Share of each persona; the rest are occasional visitors. */
export const DEMO_PERSONA_MIX: Readonly<Record<DemoPersona, number>> = {
  [DemoPersona.REGULAR]: 0.3,
  [DemoPersona.EVANGELIST]: 0.06,
  [DemoPersona.DEAL_HUNTER]: 0.12,
  [DemoPersona.OCCASIONAL]: 0.52,
};

// Ordinary first names, surnames no one has: plainly made up, never mistaken for a real person.
const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloé',
  'Dario',
  'Elif',
  'Farah',
  'Gus',
  'Hana',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Malo',
  'Nora',
  'Omar',
  'Pia',
  'Quentin',
  'Rosa',
  'Sami',
  'Tess',
  'Ugo',
  'Vera',
  'Wen',
  'Yara',
  'Zoé',
];
const SURNAMES = [
  'Beanworth',
  'Crema',
  'Latteson',
  'Mochalski',
  'Steamer',
  'Roastwell',
  'Pourover',
  'Cortado',
  'Frothington',
  'Grindley',
  'Espressova',
  'Macchiato',
  'Filterman',
  'Ristretti',
  'Brewster',
  'Cuppa',
];
const COMMENTS = [
  'Lovely flat white, as always.',
  'The new seasonal blend is great.',
  'Could the music be a bit quieter?',
  'Best croissant in the area.',
  'Friendly staff, quick service.',
  'Would love more oat milk options.',
  'The tasting evening was wonderful.',
];

/** mulberry32: tiny, fast, and the same sequence on every platform for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A basket in euros with cents, between min and max. */
  amount(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 100) / 100;
  }
}

/** The counts per persona for `total` customers (rounded; occasional visitors take the rest). */
export function personaCounts(total: number): Record<DemoPersona, number> {
  const regular = Math.round(total * DEMO_PERSONA_MIX[DemoPersona.REGULAR]);
  const evangelist = Math.round(total * DEMO_PERSONA_MIX[DemoPersona.EVANGELIST]);
  const dealHunter = Math.round(total * DEMO_PERSONA_MIX[DemoPersona.DEAL_HUNTER]);
  return {
    [DemoPersona.REGULAR]: regular,
    [DemoPersona.EVANGELIST]: evangelist,
    [DemoPersona.DEAL_HUNTER]: dealHunter,
    [DemoPersona.OCCASIONAL]: total - regular - evangelist - dealHunter,
  };
}

interface Draft {
  customer: DemoCustomer;
  /** First day (0 = eight weeks ago) on which the customer can appear. */
  firstDay: number;
}

export function generateDemoHistory(options: DemoHistoryOptions): DemoHistory {
  const dice = new Dice(seededRandom(options.seed));
  const total = options.customerCount ?? 320;
  const counts = personaCounts(total);
  const start = options.now.getTime() - DEMO_HISTORY_DAYS * DAY_MS;
  const pastCampaign = options.pastCampaignDaysAgo ?? { from: 35, to: 21 };
  const interactions: DemoInteraction[] = [];
  let sequence = 0;

  // Opening hours 7:00–19:00 (UTC, as the demo's clock); the last day never reaches past `now`.
  const at = (day: number): Date => {
    const time = start + day * DAY_MS + dice.int(7 * 60, 19 * 60) * 60_000;
    return new Date(Math.min(time, options.now.getTime() - 60_000 - dice.int(0, 600) * 60_000));
  };
  const add = (
    customer: DemoCustomer,
    day: number,
    fields: Omit<DemoInteraction, 'id' | 'customerExternalRef' | 'occurredAt'>,
  ) => {
    sequence += 1;
    interactions.push({
      id: `demo-${String(sequence).padStart(6, '0')}`,
      customerExternalRef: customer.externalRef,
      occurredAt: at(day),
      ...fields,
    });
  };
  const visit = (customer: DemoCustomer, day: number, buys: number) => {
    add(customer, day, { type: InteractionType.VISIT });
    if (dice.chance(buys))
      add(customer, day, { type: InteractionType.PURCHASE, amount: dice.amount(3.2, 14), currency: 'EUR' });
  };
  const feedback = (customer: DemoCustomer, day: number, withComment: number) =>
    add(customer, day, {
      type: InteractionType.FEEDBACK,
      rating: dice.pick([3, 4, 4, 5, 5, 5]),
      ...(dice.chance(withComment) ? { comment: dice.pick(COMMENTS) } : {}),
    });

  // Personas in a shuffled order, so refs and names say nothing about who is who.
  const personas: DemoPersona[] = (Object.keys(counts) as DemoPersona[]).flatMap((persona) =>
    Array.from({ length: counts[persona] }, () => persona),
  );
  for (let i = personas.length - 1; i > 0; i -= 1) {
    const j = dice.int(0, i);
    [personas[i], personas[j]] = [personas[j], personas[i]];
  }
  const drafts: Draft[] = personas.map((persona, index) => {
    const first = FIRST_NAMES[index % FIRST_NAMES.length];
    const last = SURNAMES[Math.floor(index / FIRST_NAMES.length) % SURNAMES.length];
    const n = String(index + 1).padStart(3, '0');
    const firstDay =
      persona === DemoPersona.EVANGELIST
        ? dice.int(0, 6)
        : persona === DemoPersona.REGULAR
          ? dice.int(0, 27)
          : dice.int(0, 49);
    return {
      firstDay,
      customer: {
        externalRef: `demo-${n}`,
        name: `${first} ${last}`,
        // example.com is reserved for documentation: no mail can ever reach anyone.
        email: `${first
          .normalize('NFD')
          .replace(/[^a-zA-Z]/g, '')
          .toLowerCase()}.${last.toLowerCase()}.${n}@example.com`,
        marketingConsent: dice.chance(0.6),
        persona,
      },
    };
  });

  for (const { customer, firstDay } of drafts) {
    switch (customer.persona) {
      case DemoPersona.REGULAR: {
        const loyalty = 0.7 + dice.next() * 0.28;
        for (let week = Math.floor(firstDay / 7); week < 8; week += 1) {
          if (!dice.chance(loyalty)) continue;
          const visits = dice.int(1, 3);
          for (let v = 0; v < visits; v += 1)
            visit(customer, Math.max(firstDay, week * 7 + dice.int(0, 6)), 0.75);
          if (dice.chance(0.12)) feedback(customer, Math.max(firstDay, week * 7 + dice.int(0, 6)), 0.3);
        }
        break;
      }
      case DemoPersona.EVANGELIST: {
        for (let week = Math.floor(firstDay / 7); week < 8; week += 1) {
          if (!dice.chance(0.9)) continue;
          const visits = dice.int(2, 4);
          for (let v = 0; v < visits; v += 1)
            visit(customer, Math.max(firstDay, week * 7 + dice.int(0, 6)), 0.85);
          if (dice.chance(0.7)) feedback(customer, Math.max(firstDay, week * 7 + dice.int(0, 6)), 0.8);
        }
        break;
      }
      case DemoPersona.DEAL_HUNTER: {
        // One burst inside the past campaign (redeeming it), sometimes a second one later.
        const campaignDay = DEMO_HISTORY_DAYS - dice.int(pastCampaign.to + 1, pastCampaign.from);
        const bursts = dice.chance(0.4)
          ? [campaignDay, dice.int(campaignDay + 7, DEMO_HISTORY_DAYS - 1)]
          : [campaignDay];
        bursts.forEach((burstDay, b) => {
          const days = dice.int(2, 4);
          for (let d = 0; d < days && burstDay + d < DEMO_HISTORY_DAYS; d += 1) {
            visit(customer, burstDay + d, 0.9);
            if (dice.chance(0.4)) visit(customer, burstDay + d, 0.9);
          }
          if (b === 0)
            add(customer, burstDay, {
              type: InteractionType.CAMPAIGN_REDEMPTION,
              campaignId: options.pastCampaignId,
            });
        });
        break;
      }
      case DemoPersona.OCCASIONAL: {
        const visits = dice.int(1, 4);
        for (let v = 0; v < visits; v += 1) visit(customer, dice.int(firstDay, DEMO_HISTORY_DAYS - 1), 0.6);
        if (dice.chance(0.05)) feedback(customer, dice.int(firstDay, DEMO_HISTORY_DAYS - 1), 0.5);
        break;
      }
    }
  }

  // Evangelists bring friends: a referral a day or two before the friend's first visit.
  const evangelists = drafts.filter((d) => d.customer.persona === DemoPersona.EVANGELIST);
  if (evangelists.length) {
    const firstVisit = new Map<string, number>();
    for (const interaction of interactions) {
      const ms = interaction.occurredAt.getTime();
      const seen = firstVisit.get(interaction.customerExternalRef);
      if (seen === undefined || ms < seen) firstVisit.set(interaction.customerExternalRef, ms);
    }
    for (const { customer } of drafts) {
      if (customer.persona === DemoPersona.EVANGELIST || !dice.chance(0.18)) continue;
      const friendFirst = firstVisit.get(customer.externalRef);
      if (friendFirst === undefined) continue;
      const referrer = dice.pick(evangelists);
      const day = Math.floor((friendFirst - start) / DAY_MS) - dice.int(1, 2);
      if (day < referrer.firstDay) continue;
      add(referrer.customer, day, {
        type: InteractionType.REFERRAL,
        referredCustomerRef: customer.externalRef,
      });
    }
  }

  interactions.sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  // The running campaign: the deal-hunters first (they watch for deals), then some regulars.
  const redeemers = [
    ...drafts.filter((d) => d.customer.persona === DemoPersona.DEAL_HUNTER),
    ...drafts.filter((d) => d.customer.persona === DemoPersona.REGULAR && dice.chance(0.3)),
  ].map((d) => d.customer.externalRef);

  return { customers: drafts.map((d) => d.customer), interactions, redeemers };
}

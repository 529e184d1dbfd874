import type { CustomerFilterInput } from '../../gql/graphql';

export type WaitlistFilter = 'any' | 'waiting' | 'not-waiting';

/** The screen's filter controls as the API's filter; empty controls are left out. */
export function customerFilter({
  search,
  tierId,
  waitlist,
}: {
  search: string;
  tierId: string;
  waitlist: WaitlistFilter;
}): CustomerFilterInput {
  const filter: CustomerFilterInput = {};
  if (search.trim()) filter.search = search.trim();
  if (tierId) filter.tierId = tierId;
  if (waitlist !== 'any') filter.waitlisted = waitlist === 'waiting';
  return filter;
}

export interface BreakdownLike {
  total: number;
  byType: readonly { type: string; count: number; points: number }[];
  regularity: { activeWeeks: number; points: number };
}

/** Rows of the score explanation: each interaction type, then regularity, with their share of the total. */
export function breakdownRows(breakdown: BreakdownLike) {
  const rows = [
    ...breakdown.byType.map((t) => ({ label: typeLabel(t.type), count: t.count, points: t.points })),
    {
      label: `Regularity (${breakdown.regularity.activeWeeks} active week${breakdown.regularity.activeWeeks === 1 ? '' : 's'})`,
      count: null,
      points: breakdown.regularity.points,
    },
  ];
  return rows.map((r) => ({ ...r, share: breakdown.total > 0 ? r.points / breakdown.total : 0 }));
}

export function typeLabel(type: string): string {
  const lower = type.toLowerCase().replace(/_/g, ' ');
  return lower[0].toUpperCase() + lower.slice(1);
}

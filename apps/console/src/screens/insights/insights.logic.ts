export interface GrowthWeekLike {
  weekStart: string;
  joined: number;
  left: number;
  members: number;
}

/** Weekly growth for the chart: departures as negative bars so joined and left read against zero. */
export function growthSeries(weeks: readonly GrowthWeekLike[]) {
  return weeks.map((w) => ({
    week: new Date(w.weekStart).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }),
    joined: w.joined,
    left: -w.left,
    members: w.members,
  }));
}

export function distributionSeries(
  entries: readonly { customers: number; tier?: { name: string } | null }[],
) {
  return entries.map((e) => ({ name: e.tier?.name ?? 'No tier', customers: e.customers }));
}

export function engagementSeries(
  rows: readonly {
    members: number;
    repeatPurchaseRate: number;
    averageFeedbackRating?: number | null;
    tier: { name: string };
  }[],
) {
  return rows.map((r) => ({
    name: r.tier.name,
    repeatPercent: Math.round(r.repeatPurchaseRate * 100),
    feedback: r.averageFeedbackRating == null ? null : Number(r.averageFeedbackRating.toFixed(2)),
  }));
}

import { assertCount, assertDate, assertOneOf, assertOptionalCount } from '../errors/guards.js';
import { PERIODS, periodWindowAt } from '../growth/period.js';
import type { CampaignRules, CampaignUsage } from './campaign-rules.js';

/** Redemptions left under each cap; null means that cap is unlimited. */
export interface CampaignCapacity {
  total: number | null;
  customer: number | null;
  period: number | null;
  /** The tightest of the three: what this customer can still redeem now. */
  effective: number | null;
}

const left = (cap: number | null | undefined, used: number): number | null =>
  cap === undefined || cap === null ? null : Math.max(0, cap - used);

interface CapacityInput {
  campaign: CampaignRules;
  usage: CampaignUsage;
  now: Date;
  timeZone: string;
}

/** The counts, caps and date capacity is computed from are usable (NaN used to read as "allowed"). */
export function assertCapacityInput(input: CapacityInput): void {
  const { campaign, usage } = input;
  assertDate(input.now, 'now');
  assertCount(usage.total, 'usage.total');
  assertCount(usage.byCustomer, 'usage.byCustomer');
  assertCount(usage.inPeriod, 'usage.inPeriod');
  assertOptionalCount(campaign.caps.total, 'campaign.caps.total');
  assertOptionalCount(campaign.caps.perCustomer, 'campaign.caps.perCustomer');
  const perPeriod = campaign.caps.perPeriod;
  if (perPeriod !== undefined && perPeriod !== null) {
    assertCount(perPeriod.limit, 'campaign.caps.perPeriod.limit');
    assertOneOf(perPeriod.period, PERIODS, 'campaign.caps.perPeriod.period');
  }
}

/** Redemptions still possible for this customer, per cap and overall. */
export function remainingCapacity(input: CapacityInput): CampaignCapacity {
  assertCapacityInput(input);
  return capacityOf(input);
}

/** remainingCapacity for input already checked by assertCapacityInput. */
export function capacityOf(input: CapacityInput): CampaignCapacity {
  const { campaign, usage, now, timeZone } = input;
  const perPeriod = campaign.caps.perPeriod ?? null;
  let usedInPeriod = usage.inPeriod;
  if (
    perPeriod !== null &&
    usage.periodKey !== undefined &&
    usage.periodKey !== periodWindowAt(now.getTime(), perPeriod.period, timeZone).key
  ) {
    usedInPeriod = 0;
  }
  const total = left(campaign.caps.total, usage.total);
  const customer = left(campaign.caps.perCustomer, usage.byCustomer);
  const period = left(perPeriod?.limit, usedInPeriod);
  const limits = [total, customer, period].filter((value): value is number => value !== null);
  return { total, customer, period, effective: limits.length === 0 ? null : Math.min(...limits) };
}

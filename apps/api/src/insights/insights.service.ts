import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { nextPeriodStart, Period, periodStart } from '@inner-circle/domain';
import { type GrowthWeek, InsightsRepository } from '@inner-circle/persistence';
import type {
  InnerCircleGrowthWeekObject,
  TierDistributionEntryObject,
  TierEngagementObject,
  TopReferrerObject,
} from './dto/insights-results.object.js';
import {
  toInnerCircleGrowthWeek,
  toTierDistributionEntry,
  toTierEngagement,
  toTopReferrer,
} from './insights.mapper.js';

@Injectable()
export class InsightsService {
  constructor(
    @Inject(InsightsRepository) private readonly insights: InsightsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async tierDistribution(businessId: string): Promise<TierDistributionEntryObject[]> {
    return (await this.insights.tierDistribution(businessId)).map(toTierDistributionEntry);
  }

  /** The last `weeks` calendar weeks (Monday first, business time zone), oldest first. */
  async innerCircleGrowth(
    businessId: string,
    timeZone: string,
    weeks: number,
  ): Promise<InnerCircleGrowthWeekObject[]> {
    const windows = weekWindows(this.clock.now(), weeks, timeZone);
    return (await this.insights.innerCircleGrowth(businessId, windows)).map(toInnerCircleGrowthWeek);
  }

  async byTier(businessId: string): Promise<TierEngagementObject[]> {
    return (await this.insights.engagementByTier(businessId)).map(toTierEngagement);
  }

  async topReferrers(businessId: string, limit: number): Promise<TopReferrerObject[]> {
    return (await this.insights.topReferrers(businessId, limit)).map(toTopReferrer);
  }
}

/** Week boundaries come from the domain's calendar so DST weeks (167 or 169 h) are right. */
export function weekWindows(now: Date, weeks: number, timeZone: string): GrowthWeek[] {
  const starts = [periodStart(now, Period.WEEK, timeZone)];
  while (starts.length < weeks) {
    starts.unshift(periodStart(new Date(starts[0].getTime() - 1), Period.WEEK, timeZone));
  }
  const currentEnd = nextPeriodStart(now, Period.WEEK, timeZone);
  return starts.map((start, index) => ({ start, end: starts[index + 1] ?? currentEnd }));
}

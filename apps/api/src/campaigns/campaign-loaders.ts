import type DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import type { TierObject } from '../tiers/dto/tier.object.js';
import type { CampaignsService } from './campaigns.service.js';
import type { CampaignCapacityObject, CampaignObject, CampaignStatsObject } from './dto/campaign.object.js';

// Loader names are shared by every resolver of the feature, so one request batches them together.

export function campaignLoader(
  loaders: RequestLoaders,
  service: CampaignsService,
  businessId: string,
): DataLoader<string, CampaignObject | null> {
  return loaders.get('campaigns.byId', (ids: readonly string[]) => service.findByIds(businessId, ids));
}

export function campaignTierLoader(
  loaders: RequestLoaders,
  service: CampaignsService,
  businessId: string,
): DataLoader<string, TierObject | null> {
  return loaders.get('campaigns.tierById', (ids: readonly string[]) =>
    service.findTiersByIds(businessId, ids),
  );
}

/** Keyed by the campaign object itself: stats and remaining of one campaign share a load. */
export function campaignStatsLoader(
  loaders: RequestLoaders,
  service: CampaignsService,
  businessId: string,
): DataLoader<CampaignObject, { stats: CampaignStatsObject; remaining: CampaignCapacityObject }> {
  return loaders.get('campaigns.stats', (campaigns: readonly CampaignObject[]) =>
    service.statsOf(businessId, campaigns),
  );
}

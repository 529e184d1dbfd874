export {
  AudienceKind,
  CampaignStatus,
  type CampaignAudience,
  type CampaignCaps,
  type CampaignRules,
  type CampaignUsage,
  type CustomerTierRef,
} from './campaign-rules.js';
export {
  RedemptionRefusal,
  checkRedemption,
  type RedemptionCheck,
  type RedemptionRequest,
} from './check-redemption.js';
export { CampaignProblemCode, validateCampaign, type CampaignProblem } from './validate-campaign.js';
export { remainingCapacity, type CampaignCapacity } from './remaining-capacity.js';

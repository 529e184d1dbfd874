import { CampaignStatus } from '@inner-circle/domain';

/**
 * The status changes allowed, by target. ENDED is final. A campaign can be rescheduled while
 * scheduled and resumed from a pause by activating or scheduling it again; pausing only makes
 * sense for a campaign that is (or is about to be) redeemable.
 *
 * | to \ from | DRAFT | SCHEDULED | ACTIVE | PAUSED | ENDED |
 * |-----------|-------|-----------|--------|--------|-------|
 * | SCHEDULED |  yes  |    yes    |   –    |  yes   |   –   |
 * | ACTIVE    |  yes  |    yes    |   –    |  yes   |   –   |
 * | PAUSED    |   –   |    yes    |  yes   |   –    |   –   |
 * | ENDED     |  yes  |    yes    |  yes   |  yes   |   –   |
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  [CampaignStatus.DRAFT]: [],
  [CampaignStatus.SCHEDULED]: [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.PAUSED],
  [CampaignStatus.ACTIVE]: [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.PAUSED],
  [CampaignStatus.PAUSED]: [CampaignStatus.SCHEDULED, CampaignStatus.ACTIVE],
  [CampaignStatus.ENDED]: [
    CampaignStatus.DRAFT,
    CampaignStatus.SCHEDULED,
    CampaignStatus.ACTIVE,
    CampaignStatus.PAUSED,
  ],
};

/**
 * Editing rules under live redemptions would change what earlier customers were promised, and
 * an ended campaign is history; pause a running campaign to edit it.
 */
export const EDITABLE_STATUSES: readonly CampaignStatus[] = [
  CampaignStatus.DRAFT,
  CampaignStatus.SCHEDULED,
  CampaignStatus.PAUSED,
];

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return ALLOWED_TRANSITIONS[to].includes(from);
}

export function isEditable(status: CampaignStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

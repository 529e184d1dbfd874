import { AudienceKind, CampaignProblemCode, CampaignStatus, RedemptionRefusal } from '@inner-circle/domain';
import { toCampaignRules, toFieldErrors } from '../campaign.mapper';
import { canTransition, isEditable } from '../campaign-transitions';
import { CampaignErrorCode, CampaignException, toCampaignGraphQLError } from '../campaigns.exception';

describe('campaign transitions', () => {
  it.each([
    [CampaignStatus.DRAFT, CampaignStatus.ACTIVE, true],
    [CampaignStatus.PAUSED, CampaignStatus.SCHEDULED, true],
    [CampaignStatus.ACTIVE, CampaignStatus.PAUSED, true],
    [CampaignStatus.DRAFT, CampaignStatus.PAUSED, false],
    [CampaignStatus.ACTIVE, CampaignStatus.SCHEDULED, false],
    [CampaignStatus.ENDED, CampaignStatus.ACTIVE, false],
    [CampaignStatus.ENDED, CampaignStatus.ENDED, false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('edits only DRAFT, SCHEDULED and PAUSED campaigns', () => {
    expect(Object.values(CampaignStatus).filter(isEditable)).toEqual([
      CampaignStatus.DRAFT,
      CampaignStatus.SCHEDULED,
      CampaignStatus.PAUSED,
    ]);
  });
});

describe('campaign mapper', () => {
  it('names domain problems in the pipe’s dotted form under the argument', () => {
    expect(
      toFieldErrors(
        [
          { path: 'audience.tierIds[1]', code: CampaignProblemCode.UNKNOWN_TIER_ID, message: 'a' },
          { path: 'endsAt', code: CampaignProblemCode.ENDS_BEFORE_START, message: 'b' },
          { path: 'endsAt', code: CampaignProblemCode.INVALID_DATE, message: 'c' },
        ],
        'input',
      ),
    ).toEqual([
      { field: 'input.audience.tierIds.1', messages: ['a'] },
      { field: 'input.endsAt', messages: ['b', 'c'] },
    ]);
  });

  it('reads the audience kind from whichever audience column is set', () => {
    const row = {
      status: 'ACTIVE',
      startsAt: null,
      endsAt: null,
      audienceMinRank: null,
      audienceTierIds: null,
      capTotal: null,
      capPerCustomer: 1,
      capPerPeriod: null,
      capPeriod: 'WEEK',
    } as unknown as Parameters<typeof toCampaignRules>[0];
    expect(toCampaignRules(row)).toMatchObject({
      audience: { kind: AudienceKind.ALL },
      caps: { perCustomer: 1, perPeriod: null },
    });
    expect(toCampaignRules({ ...row, audienceMinRank: 2 }).audience).toEqual({
      kind: AudienceKind.MIN_TIER_RANK,
      minTierRank: 2,
    });
    expect(toCampaignRules({ ...row, audienceTierIds: ['t'] }).audience).toEqual({
      kind: AudienceKind.TIER_IDS,
      tierIds: ['t'],
    });
  });
});

describe('campaign errors', () => {
  it.each([
    [RedemptionRefusal.NOT_ACTIVE, 'BAD_USER_INPUT'],
    [RedemptionRefusal.NOT_ELIGIBLE_TIER, 'BAD_USER_INPUT'],
    [RedemptionRefusal.CAP_REACHED_TOTAL, 'CONFLICT'],
    [RedemptionRefusal.CAP_REACHED_PERIOD, 'CONFLICT'],
  ])('a %s refusal is %s with the reason', (reason, code) => {
    expect(toCampaignGraphQLError(CampaignException.refused(reason)).extensions).toEqual({
      code,
      errorCode: CampaignErrorCode.REDEMPTION_REFUSED,
      reason,
    });
  });

  it('maps not-found, transitions and key reuse', () => {
    const map = (code: CampaignErrorCode) =>
      toCampaignGraphQLError(new CampaignException(code, 'm')).extensions.code;
    expect(map(CampaignErrorCode.CAMPAIGN_NOT_FOUND)).toBe('NOT_FOUND');
    expect(map(CampaignErrorCode.CUSTOMER_NOT_FOUND)).toBe('NOT_FOUND');
    expect(map(CampaignErrorCode.INVALID_TRANSITION)).toBe('BAD_USER_INPUT');
    expect(map(CampaignErrorCode.IDEMPOTENCY_KEY_REUSED)).toBe('CONFLICT');
  });
});

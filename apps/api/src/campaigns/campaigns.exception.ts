import { RedemptionRefusal } from '@inner-circle/domain';
import type { GraphQLError } from 'graphql';
import type { FieldError } from '../common/validation/validation-exception.factory.js';
import { clientError } from '../graphql/client-error.js';

export enum CampaignErrorCode {
  CAMPAIGN_NOT_FOUND = 'CAMPAIGN_NOT_FOUND',
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  INVALID_CAMPAIGN = 'INVALID_CAMPAIGN',
  NOT_EDITABLE = 'NOT_EDITABLE',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  REDEMPTION_REFUSED = 'REDEMPTION_REFUSED',
}

export interface CampaignErrorDetails {
  fieldErrors?: FieldError[];
  status?: string;
  from?: string;
  to?: string;
  reason?: RedemptionRefusal;
}

/** What the campaign services throw; mapped to a GraphQL error in one place below. */
export class CampaignException extends Error {
  constructor(
    readonly code: CampaignErrorCode,
    message: string,
    readonly details: CampaignErrorDetails = {},
  ) {
    super(message);
    this.name = 'CampaignException';
  }

  static refused(reason: RedemptionRefusal): CampaignException {
    return new CampaignException(CampaignErrorCode.REDEMPTION_REFUSED, refusalMessage(reason), { reason });
  }
}

function refusalMessage(reason: RedemptionRefusal): string {
  switch (reason) {
    case RedemptionRefusal.NOT_ACTIVE:
      return 'The campaign is not active (draft or paused).';
    case RedemptionRefusal.NOT_STARTED:
      return 'The campaign has not started yet.';
    case RedemptionRefusal.ENDED:
      return 'The campaign has ended.';
    case RedemptionRefusal.NOT_ELIGIBLE_TIER:
      return 'The customer’s tier is not in the campaign’s audience.';
    case RedemptionRefusal.CAP_REACHED_TOTAL:
      return 'The campaign’s total cap is reached.';
    case RedemptionRefusal.CAP_REACHED_CUSTOMER:
      return 'The customer has reached the campaign’s per-customer cap.';
    case RedemptionRefusal.CAP_REACHED_PERIOD:
      return 'The campaign’s cap for this period is reached.';
  }
}

/**
 * A spent cap is a CONFLICT (the request was fine, the shared state says no, and a period cap may
 * reopen); the others are BAD_USER_INPUT (this customer may not redeem this campaign now).
 */
function refusalCode(reason: RedemptionRefusal): 'BAD_USER_INPUT' | 'CONFLICT' {
  switch (reason) {
    case RedemptionRefusal.NOT_ACTIVE:
    case RedemptionRefusal.NOT_STARTED:
    case RedemptionRefusal.ENDED:
    case RedemptionRefusal.NOT_ELIGIBLE_TIER:
      return 'BAD_USER_INPUT';
    case RedemptionRefusal.CAP_REACHED_TOTAL:
    case RedemptionRefusal.CAP_REACHED_CUSTOMER:
    case RedemptionRefusal.CAP_REACHED_PERIOD:
      return 'CONFLICT';
  }
}

/** The one mapping from campaign errors to what the client sees (`extensions.errorCode` names ours). */
export function toCampaignGraphQLError(exception: CampaignException): GraphQLError {
  const { code, message, details } = exception;
  switch (code) {
    case CampaignErrorCode.CAMPAIGN_NOT_FOUND:
    case CampaignErrorCode.CUSTOMER_NOT_FOUND:
      return clientError('NOT_FOUND', message, { errorCode: code });
    case CampaignErrorCode.INVALID_CAMPAIGN:
      return clientError('BAD_USER_INPUT', message, {
        errorCode: code,
        fieldErrors: details.fieldErrors ?? [],
      });
    case CampaignErrorCode.NOT_EDITABLE:
      return clientError('BAD_USER_INPUT', message, { errorCode: code, status: details.status });
    case CampaignErrorCode.INVALID_TRANSITION:
      return clientError('BAD_USER_INPUT', message, { errorCode: code, from: details.from, to: details.to });
    case CampaignErrorCode.IDEMPOTENCY_KEY_REUSED:
      return clientError('CONFLICT', message, { errorCode: code });
    case CampaignErrorCode.REDEMPTION_REFUSED: {
      const reason = details.reason ?? RedemptionRefusal.NOT_ACTIVE;
      return clientError(refusalCode(reason), message, { errorCode: code, reason });
    }
  }
}

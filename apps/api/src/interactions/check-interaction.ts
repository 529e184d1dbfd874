import { InteractionRecordedV1Payload, type ValidationIssue, validatePayload } from '@inner-circle/contracts';
import { DAY_MS } from '@inner-circle/domain';
import type { FieldError } from '../common/validation/validation-exception.factory.js';
import type { InteractionInput } from './dto/interaction.input.js';
import { InteractionErrorCode } from './interactions.exception.js';

/** Same bound as the worker, which dead-letters anything dated further ahead. */
export const MAX_CLOCK_SKEW_MS = DAY_MS;

export type InteractionCheck =
  | { ok: true; payload: InteractionRecordedV1Payload }
  | { ok: false; code: InteractionErrorCode; message: string; fieldErrors: FieldError[] };

/**
 * Builds the event payload of one item for the caller's business (the only source of the
 * tenant) and validates it with the contract, exactly as the worker will.
 */
export function checkInteraction(businessId: string, item: InteractionInput, now: Date): InteractionCheck {
  const occurredAt = item.occurredAt ?? now;
  const plain = {
    businessId,
    customerRef: item.customerExternalRef,
    interaction: withoutEmpty({
      id: item.id,
      type: item.type,
      occurredAt: occurredAt.toISOString(),
      amount: item.amount,
      currency: item.currency,
      rating: item.rating,
      comment: item.comment,
      referredCustomerRef: item.referredCustomerRef,
      campaignId: item.campaignId,
    }),
  };
  const result = validatePayload(InteractionRecordedV1Payload, plain);
  if (!result.ok) {
    const fieldErrors = result.error.details.map(toFieldError);
    return {
      ok: false,
      code: InteractionErrorCode.INVALID_INTERACTION,
      message: `Invalid interaction: ${fieldErrors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ')}`,
      fieldErrors,
    };
  }
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    const message = `occurredAt ${occurredAt.toISOString()} is more than a day in the future`;
    return {
      ok: false,
      code: InteractionErrorCode.OCCURRED_IN_FUTURE,
      message,
      fieldErrors: [{ field: 'occurredAt', messages: [message] }],
    };
  }
  return { ok: true, payload: result.value };
}

/** Contract paths (`interaction.rating`, `customerRef`) named as the input's fields. */
function toFieldError(issue: ValidationIssue): FieldError {
  const field =
    issue.path === 'customerRef' ? 'customerExternalRef' : issue.path.replace(/^interaction\./, '');
  return { field, messages: Object.values(issue.constraints) };
}

// GraphQL gives null for an explicit null; the event carries only the fields that were sent.
function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== null),
  );
}

import {
  buildTierDowngradeWarningV1Event,
  TierChangeDirection,
  tierChangedEventOf,
  tierChangeKey,
  type TierRefV1,
  Topics,
} from '@inner-circle/contracts';
import { type PlannedWarning, TierMoveDirection } from '@inner-circle/domain';
import type { AppliedTierMove, KnownTier, NewOutboxMessage, TierMove } from '@inner-circle/persistence';

/**
 * The events a tier plan produces, built in this one place from what the domain decided and
 * what the writer stored: the outbox rows TierEvaluationService hands to the one outbox writer
 * (OutboxRepository.add) in the plan's transaction. `source` is always the producer's own
 * (the worker's ingest and sweep, the api's locks and erasures): there is no default.
 */

/** The domain's direction as the tier-changed contract spells it (same words, checked here). */
const CONTRACT_DIRECTION: Record<TierMoveDirection, TierChangeDirection> = {
  [TierMoveDirection.UP]: TierChangeDirection.UP,
  [TierMoveDirection.DOWN]: TierChangeDirection.DOWN,
  [TierMoveDirection.NONE]: TierChangeDirection.NONE,
};

/** What an applied, changed move was stored as: its history row's id and the tiers it names. */
export type RecordedTierMove = AppliedTierMove & { changed: true; tierChangeId: string };

export function isRecorded(applied: AppliedTierMove): applied is RecordedTierMove {
  return applied.changed && applied.tierChangeId !== null;
}

/**
 * The tier-changed event of a move, with the id of its history row: one id names the transition
 * in `tier_changes` and on the topic (consumers and the api's feed rely on it).
 */
export function tierChangedMessageOf(
  move: TierMove,
  recorded: RecordedTierMove,
  customerRef: string,
  source: string,
): NewOutboxMessage {
  const event = tierChangedEventOf(
    {
      id: recorded.tierChangeId,
      businessId: move.businessId,
      customerId: move.customerId,
      customerRef,
      previousTier: recorded.from && tierRefOf(recorded.from),
      newTier: recorded.to && tierRefOf(recorded.to),
      direction: CONTRACT_DIRECTION[recorded.direction],
      reason: move.reason,
      score: move.score,
      ruleVersion: move.ladderVersion,
      occurredAt: move.at,
    },
    source,
  );
  return {
    eventId: event.id,
    topic: Topics.tierChanges,
    key: tierChangeKey(move.businessId, move.customerId),
    payload: event as unknown as Record<string, unknown>,
  };
}

/** What a downgrade warning needs besides the domain's warning. */
export interface WarningContext {
  businessId: string;
  customerRef: string;
  ruleVersion: number;
  now: Date;
  source: string;
  /** The ladder's tiers by id, to name the tier held and the one the customer would drop to. */
  tiers: ReadonlyMap<string, KnownTier>;
}

export function downgradeWarningMessageOf(
  warning: PlannedWarning,
  context: WarningContext,
  eventId: string,
): NewOutboxMessage {
  const ref = (tierId: string | null) => {
    const tier = tierId === null ? undefined : context.tiers.get(tierId);
    return tier ? tierRefOf(tier) : null;
  };
  const event = buildTierDowngradeWarningV1Event(
    {
      businessId: context.businessId,
      customerId: warning.customerId,
      customerRef: context.customerRef,
      currentTier: ref(warning.tierId)!,
      targetTier: ref(warning.toTierId),
      downgradeAt: warning.on.toISOString(),
      score: warning.score,
      ruleVersion: context.ruleVersion,
      occurredAt: context.now.toISOString(),
    },
    { id: eventId, time: context.now, source: context.source },
  );
  return {
    eventId,
    topic: Topics.tierChanges,
    key: tierChangeKey(context.businessId, warning.customerId),
    payload: event as unknown as Record<string, unknown>,
  };
}

function tierRefOf(tier: KnownTier): TierRefV1 {
  return { id: tier.id, name: tier.name, rank: tier.rank };
}

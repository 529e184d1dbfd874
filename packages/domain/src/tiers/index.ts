export { AdmissionMode } from './tier-ladder.js';
export type {
  AdmissionQuota,
  CustomerTierState,
  OccupancyByTier,
  TierDefinition,
  TierLadder,
  TierLock,
  TierOccupancy,
} from './tier-ladder.js';
export { LadderProblemCode, validateLadder, type LadderProblem } from './validate-ladder.js';
export {
  TierDecisionKind,
  TierDecisionReason,
  type AdmittedWaitlistedDecision,
  type DecisionFacts,
  type DowngradeDecision,
  type DowngradeWarning,
  type GraceCancelledDecision,
  type GraceStartedDecision,
  type LockedDecision,
  type OccupancyFact,
  type StayDecision,
  type TierDecision,
  type UpgradeDecision,
  type WaitlistedDecision,
} from './tier-decision.js';
export { decideTier } from './decide-tier.js';
export { applyDecision, seatMovementOf, type SeatMovement } from './apply-decision.js';
export {
  mayChangeTiers,
  planTierMoves,
  recordedReasonOf,
  LOCKED_MOVE_REASON,
  TierMoveDirection,
  waitlistHeadRequests,
  type WaitlistHeadRequest,
  type PlanCustomer,
  type PlannedMove,
  type PlannedStateChange,
  type PlannedWarning,
  type TierPlan,
  type TierPlanInput,
} from './plan-tier-moves.js';
export {
  guardedOccupancy,
  isBoundedTier,
  notExactTierIds,
  OCCUPANCY_NOT_EXACT,
  OccupancyNotExactError,
  tiersAPlanReads,
} from './exact-occupancy.js';

export {
  LADDER_BATCH_SIZE,
  LadderWhatIf,
  type LadderSimulation,
  type LadderWhatIfOptions,
  type SimulatedTier,
  type TierMovement,
} from './simulate-ladder.js';

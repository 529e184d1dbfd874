export {
  simulateLadder,
  type LadderSimulation,
  type SimulatedTier,
  type SimulationCustomer,
  type TierMovement,
} from './simulate-ladder.js';

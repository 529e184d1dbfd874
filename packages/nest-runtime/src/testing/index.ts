/** Test helpers, kept out of the package's main entry point. */
export { ManualClock } from './manual-clock.js';

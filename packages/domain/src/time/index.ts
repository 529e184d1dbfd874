export { DAY_MS, isValidTimeZone } from './time-zone.js';

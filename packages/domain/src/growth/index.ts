export { Period, periodStart, nextPeriodStart, periodKey } from './period.js';
export { freeSeats, quotaLeft, admissionsUsed } from './seat-availability.js';
export { rankWaitlist, compareWaitlistEntries, type WaitlistEntry } from './rank-waitlist.js';
export { admitFromWaitlist, type WaitlistAdmission } from './admit-from-waitlist.js';

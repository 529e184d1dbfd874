import { assertDate, assertFinite, assertUniqueIds } from '../errors/guards.js';

export interface WaitlistEntry {
  customerId: string;
  score: number;
  qualifiedAt: Date;
}

const customerIdOf = (entry: WaitlistEntry): string => entry.customerId;

function compareChecked(a: WaitlistEntry, b: WaitlistEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  const byTime = a.qualifiedAt.getTime() - b.qualifiedAt.getTime();
  if (byTime !== 0) return byTime;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/** Admission order: highest score, then earliest qualification, then customerId so ties never depend on input order. */
export function compareWaitlistEntries(a: WaitlistEntry, b: WaitlistEntry): number {
  // NaN compares as neither before nor after, which silently breaks any sort using this.
  assertFinite(a.score, 'a.score');
  assertFinite(b.score, 'b.score');
  assertDate(a.qualifiedAt, 'a.qualifiedAt');
  assertDate(b.qualifiedAt, 'b.qualifiedAt');
  return compareChecked(a, b);
}

/** Every entry has a finite score and a valid date, and nobody waits twice. */
export function assertWaitlist(waitlist: readonly WaitlistEntry[]): void {
  for (let i = 0; i < waitlist.length; i++) {
    const entry = waitlist[i];
    assertFinite(entry.score, 'waitlist[].score', i);
    assertDate(entry.qualifiedAt, 'waitlist[].qualifiedAt', i);
  }
  assertUniqueIds(waitlist, customerIdOf, 'waitlist[].customerId');
}

/** A sorted copy of the waitlist, first in line first. */
export function rankWaitlist<T extends WaitlistEntry>(waitlist: readonly T[]): T[] {
  assertWaitlist(waitlist);
  return [...waitlist].sort(compareChecked);
}

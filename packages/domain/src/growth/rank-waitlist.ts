export interface WaitlistEntry {
  customerId: string;
  score: number;
  qualifiedAt: Date;
}

/** Admission order: highest score, then earliest qualification, then customerId so ties never depend on input order. */
export function compareWaitlistEntries(a: WaitlistEntry, b: WaitlistEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  const byTime = a.qualifiedAt.getTime() - b.qualifiedAt.getTime();
  if (byTime !== 0) return byTime;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/** A sorted copy of the waitlist, first in line first. */
export function rankWaitlist<T extends WaitlistEntry>(waitlist: readonly T[]): T[] {
  return [...waitlist].sort(compareWaitlistEntries);
}

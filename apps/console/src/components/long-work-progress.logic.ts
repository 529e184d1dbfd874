import type { LongWorkProgressFieldsFragment } from '../gql/graphql';

export type LongWorkState = 'queued' | 'running' | 'finished';

/** What the progress bar shows and says, from one read of a LongWorkProgress. */
export interface LongWorkProgressView {
  state: LongWorkState;
  /** 0..100, the bar's aria-valuenow. */
  percent: number;
  /** The bar's aria-valuetext and the line beside it, e.g. "4,200 of 10,000 customers, about 12 s left". */
  text: string;
}

const count = (n: number): string => n.toLocaleString('en-GB');

/**
 * "about 12 s left", "about 4 min left", "about 2 h 5 min left". From the server's seconds
 * (a browser clock may be off, so the console never subtracts its own time from estimatedFinishAt).
 */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null) return 'estimating the time left';
  const s = Math.max(0, Math.round(seconds));
  if (s < 1) return 'almost done';
  if (s < 60) return `about ${s} s left`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const rest = minutes % 60;
  return `about ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''} left`;
}

export function describeLongWorkProgress(progress: LongWorkProgressFieldsFragment): LongWorkProgressView {
  const customers = `${count(progress.customersDone)} of ${count(progress.customersTotal)} customers`;
  if (progress.finishedAt) {
    return { state: 'finished', percent: 100, text: `Done: ${count(progress.customersDone)} customers` };
  }
  if (!progress.startedAt) {
    return {
      state: 'queued',
      percent: 0,
      text: `Waiting for the worker to start (${count(progress.customersTotal)} customers)`,
    };
  }
  return {
    state: 'running',
    percent: Math.max(0, Math.min(100, progress.percentDone)),
    text: `${customers}, ${formatTimeLeft(progress.estimatedSecondsLeft)}`,
  };
}

/** How often a screen reads unfinished work again: the sweep records a batch of 500 at a time. */
export const LONG_WORK_POLL_MS = 2_000;

/** Whether to keep polling: only unfinished work changes. */
export function isUnfinished(progress: LongWorkProgressFieldsFragment | null | undefined): boolean {
  return Boolean(progress && !progress.finishedAt);
}

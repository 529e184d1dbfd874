/** One run of a whole-business job (ladder application, score recompute) as the worker records it. */
export interface LongWorkRun {
  version: number;
  customersDone: number;
  /** Counted at the start, raised to customersDone if more were done, equal to it once finished. */
  customersTotal: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** What a person is told about a job: the run of the newest version, queued, running or finished. */
export interface LongWorkProgress {
  version: number;
  customersDone: number;
  customersTotal: number;
  /** Null while queued: the version is raised but the worker has not taken its first batch yet. */
  startedAt: Date | null;
  finishedAt: Date | null;
  /** At the rate so far; the finish time once finished; null before there is a rate. */
  estimatedFinishAt: Date | null;
}

/** What is stored about a job of one business. */
export interface LongWorkSnapshot {
  /** The version asked for (ladder version, scoring version). */
  targetVersion: number;
  /** The version every customer has been brought to. */
  appliedVersion: number;
  /** The newest run recorded, possibly of an older version. */
  run: LongWorkRun | null;
  /** Customers now, read only when the target version is queued (no run of it yet). */
  customersNow: number | null;
}

/**
 * When the run should finish if it keeps the rate it had since it started (customers per
 * millisecond up to `now`, so a stalled worker pushes the estimate back). Null until a batch is
 * done, and the real finish time once it is finished.
 */
export function estimateFinishAt(
  run: Pick<LongWorkProgress, 'customersDone' | 'customersTotal' | 'startedAt' | 'finishedAt'>,
  now: Date,
): Date | null {
  if (run.finishedAt) return run.finishedAt;
  if (!run.startedAt) return null;
  const elapsedMs = now.getTime() - run.startedAt.getTime();
  if (run.customersDone <= 0 || elapsedMs <= 0) return null;
  const remaining = Math.max(0, run.customersTotal - run.customersDone);
  return new Date(now.getTime() + Math.ceil((remaining * elapsedMs) / run.customersDone));
}

/**
 * The progress of the newest version of a job: its run when the worker recorded one, queued
 * when the version is raised but no batch ran yet, or null when nothing was ever recorded for
 * the current version (a ladder or settings older than progress tracking, or never changed).
 */
export function describeLongWork(snapshot: LongWorkSnapshot, now: Date): LongWorkProgress | null {
  const { run, targetVersion } = snapshot;
  if (run && run.version === targetVersion) {
    return { ...run, estimatedFinishAt: estimateFinishAt(run, now) };
  }
  if (targetVersion > snapshot.appliedVersion) {
    return {
      version: targetVersion,
      customersDone: 0,
      customersTotal: snapshot.customersNow ?? 0,
      startedAt: null,
      finishedAt: null,
      estimatedFinishAt: null,
    };
  }
  return null;
}

/** Whole percent done, 0..100; 100 only once finished (a run may reach its count before its last batch closes it). */
export function percentDone(
  progress: Pick<LongWorkProgress, 'customersDone' | 'customersTotal' | 'finishedAt'>,
): number {
  if (progress.finishedAt) return 100;
  if (progress.customersTotal <= 0) return 0;
  return Math.min(99, Math.floor((100 * progress.customersDone) / progress.customersTotal));
}

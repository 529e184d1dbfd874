import { type LongWorkProgress, percentDone } from '@inner-circle/domain';

const count = (n: number): string => n.toLocaleString('en-US');

/** "12 s", "4 min", "2 h 5 min": the precision a person waiting wants. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

/**
 * One line about a long job for a terminal, e.g. `ladder v3: 4,200 / 10,000 (42%) ~12 s left`.
 * `now` is when the progress was read (the estimate is counted from it).
 */
export function formatLongWorkLine(label: string, progress: LongWorkProgress | null, now: Date): string {
  if (!progress) return `${label}: no run recorded`;
  const head = `${label} v${progress.version}`;
  if (!progress.startedAt) return `${head}: queued, ${count(progress.customersTotal)} customers`;
  const counts = `${count(progress.customersDone)} / ${count(progress.customersTotal)} (${percentDone(progress)}%)`;
  if (progress.finishedAt) return `${head}: ${counts} done at ${progress.finishedAt.toISOString()}`;
  const left = progress.estimatedFinishAt
    ? `~${formatDuration((progress.estimatedFinishAt.getTime() - now.getTime()) / 1000)} left`
    : 'estimating';
  return `${head}: ${counts} ${left}`;
}

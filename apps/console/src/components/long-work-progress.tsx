import { useEffect, useId } from 'react';
import { useQuery } from 'urql';
import type { LongWorkProgressFieldsFragment } from '../gql/graphql';
import { LadderApplicationQuery, ScoringRecomputeQuery } from '../graphql/operations';
import { describeLongWorkProgress, isUnfinished, LONG_WORK_POLL_MS } from './long-work-progress.logic';

/**
 * A progress bar for a long job of the worker (ladder application, score recompute), with the
 * estimate of the time left. Presentational: give it what a LongWorkProgress query returned.
 */
export function LongWorkProgressBar({
  title,
  progress,
}: {
  /** What is being done, e.g. "Applying ladder version 3". */
  title: string;
  progress: LongWorkProgressFieldsFragment;
}) {
  const labelId = useId();
  const view = describeLongWorkProgress(progress);
  return (
    <div className={`long-work long-work-${view.state}`}>
      <span id={labelId} className="long-work-title">
        {title}
      </span>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
        aria-valuetext={view.text}
        className="long-work-bar"
      >
        <span className="long-work-fill" style={{ width: `${view.percent}%` }} />
      </div>
      <span className="long-work-text" aria-live="polite">
        {view.text}
      </span>
    </div>
  );
}

/** Reads again every LONG_WORK_POLL_MS while the work is unfinished, and stops once it is done. */
function usePollWhileUnfinished(
  progress: LongWorkProgressFieldsFragment | null | undefined,
  reexecute: (opts: { requestPolicy: 'network-only' }) => void,
): void {
  const unfinished = isUnfinished(progress);
  useEffect(() => {
    if (!unfinished) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), LONG_WORK_POLL_MS);
    return () => clearInterval(timer);
  }, [unfinished, reexecute]);
}

/** The newest ladder's application to every customer, polled while it runs. */
export function LadderApplicationProgress({ showFinished = false }: { showFinished?: boolean }) {
  const [result, reexecute] = useQuery({ query: LadderApplicationQuery });
  const progress = result.data?.tierLadder.application;
  usePollWhileUnfinished(progress, reexecute);
  if (!progress || (!showFinished && progress.finishedAt)) return null;
  const title = progress.finishedAt
    ? `Ladder version ${progress.version} applied`
    : `Applying ladder version ${progress.version}`;
  return <LongWorkProgressBar title={title} progress={progress} />;
}

/** The recompute of every score after a scoring change, polled while it runs (needs customers:read). */
export function ScoringRecomputeProgress({
  showFinished = false,
  pause = false,
}: {
  showFinished?: boolean;
  pause?: boolean;
}) {
  const [result, reexecute] = useQuery({ query: ScoringRecomputeQuery, pause });
  const progress = result.data?.scoringSettings.recompute;
  usePollWhileUnfinished(progress, reexecute);
  if (!progress || (!showFinished && progress.finishedAt)) return null;
  return (
    <LongWorkProgressBar
      title={
        progress.finishedAt
          ? `Scores recomputed (settings version ${progress.version})`
          : `Recomputing scores (settings version ${progress.version})`
      }
      progress={progress}
    />
  );
}

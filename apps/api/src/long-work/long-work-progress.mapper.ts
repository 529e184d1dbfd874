import { type LongWorkProgress, percentDone } from '@inner-circle/domain';
import type { LongWorkProgressObject } from './dto/long-work-progress.object.js';

export function toLongWorkProgressObject(progress: LongWorkProgress, now: Date): LongWorkProgressObject {
  const { estimatedFinishAt } = progress;
  return {
    ...progress,
    percentDone: percentDone(progress),
    estimatedSecondsLeft:
      estimatedFinishAt === null
        ? null
        : Math.max(0, Math.round((estimatedFinishAt.getTime() - now.getTime()) / 1000)),
  };
}

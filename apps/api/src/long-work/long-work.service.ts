import { Inject, Injectable } from '@nestjs/common';
import { describeLongWork, type LongWorkProgress } from '@inner-circle/domain';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { type LongWorkKind, LongWorkProgressRepository } from '@inner-circle/persistence';

/** A long job's progress and the instant its estimate was computed for. */
export interface LongWorkReading {
  progress: LongWorkProgress;
  readAt: Date;
}

/** Reads how far a business's long jobs got (the worker's sweep writes it). */
@Injectable()
export class LongWorkService {
  constructor(
    @Inject(LongWorkProgressRepository) private readonly progress: LongWorkProgressRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async progressOf(businessId: string, kind: LongWorkKind): Promise<LongWorkReading | null> {
    const snapshot = await this.progress.findSnapshot(businessId, kind);
    if (!snapshot) return null;
    const readAt = this.clock.now();
    const progress = describeLongWork(snapshot, readAt);
    return progress && { progress, readAt };
  }
}

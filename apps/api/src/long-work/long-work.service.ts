import { Inject, Injectable } from '@nestjs/common';
import { describeLongWork, type LongWorkProgress } from '@inner-circle/domain';
import { type LongWorkKind, LongWorkProgressRepository } from '@inner-circle/persistence';

/** Reads how far a business's long jobs got (the worker's sweep writes it). */
@Injectable()
export class LongWorkService {
  constructor(@Inject(LongWorkProgressRepository) private readonly progress: LongWorkProgressRepository) {}

  async progressOf(businessId: string, kind: LongWorkKind, now: Date): Promise<LongWorkProgress | null> {
    const snapshot = await this.progress.findSnapshot(businessId, kind);
    return snapshot ? describeLongWork(snapshot, now) : null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { TierRepository } from '@inner-circle/persistence';
import type { TierObject } from './dto/tier.object.js';
import { toTierObject } from './tier.mapper.js';

@Injectable()
export class TiersService {
  constructor(@Inject(TierRepository) private readonly tiers: TierRepository) {}

  async listLadder(businessId: string): Promise<TierObject[]> {
    return (await this.tiers.listActive(businessId)).map(toTierObject);
  }
}

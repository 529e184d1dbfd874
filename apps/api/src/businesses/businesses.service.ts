import { Inject, Injectable } from '@nestjs/common';
import { BusinessRepository } from '@inner-circle/persistence';
import type { BusinessObject } from './dto/business.object.js';

@Injectable()
export class BusinessesService {
  constructor(@Inject(BusinessRepository) private readonly businesses: BusinessRepository) {}

  async getCallerBusiness(businessId: string): Promise<BusinessObject> {
    const business = await this.businesses.findById(businessId);
    // The key row references the business with a cascading foreign key, so a valid key implies the row.
    if (!business) throw new Error(`business ${businessId} of an authenticated key is missing`);
    return { id: business.id, name: business.name, timeZone: business.timeZone };
  }
}

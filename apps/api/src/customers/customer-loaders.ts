import type DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import type { CustomersService } from './customers.service.js';
import type { CustomerObject } from './dto/customer.object.js';

/** Customers by id for any feature's field (redeemers, simulated ranks): one read per request. */
export function customerByIdLoader(
  loaders: RequestLoaders,
  service: CustomersService,
  businessId: string,
): DataLoader<string, CustomerObject | null> {
  return loaders.get('customers.byId', (ids: readonly string[]) => service.findByIds(businessId, ids));
}

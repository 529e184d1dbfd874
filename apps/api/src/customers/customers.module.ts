import { Module } from '@nestjs/common';
import { TierDecisionsModule } from '@inner-circle/worker-runtime';
import {
  AuditRepository,
  CustomerActivityRepository,
  CustomerDirectoryRepository,
  CustomerErasureRepository,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { CustomerErasureService } from './customer-erasure.service.js';
import { CustomerFieldsResolver } from './customer-fields.resolver.js';
import { CustomerFieldsService } from './customer-fields.service.js';
import { CustomerImportService } from './customer-import.service.js';
import { CustomersResolver } from './customers.resolver.js';
import { CustomersService } from './customers.service.js';

@Module({
  imports: [TierDecisionsModule],
  providers: [
    ...provideRepositories(
      AuditRepository,
      CustomerDirectoryRepository,
      CustomerActivityRepository,
      CustomerErasureRepository,
      TierMoveRepository,
      TierRepository,
      TransactionRunner,
    ),
    CustomersService,
    CustomerFieldsService,
    CustomerImportService,
    CustomerErasureService,
    CustomersResolver,
    CustomerFieldsResolver,
  ],
  exports: [CustomersService, CustomerFieldsService, CustomerImportService],
})
export class CustomersModule {}

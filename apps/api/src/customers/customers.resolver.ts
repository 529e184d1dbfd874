import { Inject } from '@nestjs/common';
import { Args, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { type Connection, ConnectionType } from '../common/pagination/connection.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { selectsPath } from '../graphql/selection.js';
import { CustomerFieldsService } from './customer-fields.service.js';
import { CustomerErasureService } from './customer-erasure.service.js';
import { CustomerImportService } from './customer-import.service.js';
import { CustomersService } from './customers.service.js';
import { CreateCustomerInput } from './dto/create-customer.input.js';
import { CustomerByExternalRefArgs } from './dto/customer-by-external-ref.args.js';
import { CustomerIdArgs } from './dto/customer-id.args.js';
import { CustomerObject } from './dto/customer.object.js';
import { CustomersArgs } from './dto/customers.args.js';
import { ImportCustomersInput } from './dto/import-customers.input.js';
import { ImportCustomersPayload } from './dto/import-customers.payload.js';
import { UpdateCustomerArgs } from './dto/update-customer.input.js';
import { HeavyOperation } from '../common/fair-share/heavy-operation.interceptor.js';

const CustomerConnection = ConnectionType(CustomerObject, 'Customer');

@Resolver(() => CustomerObject)
export class CustomersResolver {
  constructor(
    @Inject(CustomersService) private readonly service: CustomersService,
    @Inject(CustomerImportService) private readonly imports: CustomerImportService,
    @Inject(CustomerErasureService) private readonly erasure: CustomerErasureService,
    @Inject(CustomerFieldsService) private readonly fields: CustomerFieldsService,
  ) {}

  @Query(() => CustomerObject, {
    description: 'NOT_FOUND unless the customer belongs to the caller’s business.',
  })
  @RequireScopes(ApiKeyScope.CustomersRead)
  customer(@CurrentCaller() caller: Caller, @Args() args: CustomerIdArgs): Promise<CustomerObject> {
    return this.service.get(caller.businessId, args.id);
  }

  @Query(() => CustomerObject)
  @RequireScopes(ApiKeyScope.CustomersRead)
  customerByExternalRef(
    @CurrentCaller() caller: Caller,
    @Args() args: CustomerByExternalRefArgs,
  ): Promise<CustomerObject> {
    return this.service.getByExternalRef(caller.businessId, args.externalRef);
  }

  @Query(() => CustomerConnection)
  @RequireScopes(ApiKeyScope.CustomersRead)
  async customers(
    @CurrentCaller() caller: Caller,
    @Args() args: CustomersArgs,
    @Loaders() loaders: RequestLoaders,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<CustomerObject>> {
    const page = await this.service.list(caller.businessId, args, caller.scoringSettings);
    // The page's tiers in one read before GraphQL walks the page: every customer's `tier` is
    // then returned as is (no promise per customer), which is most of what a page costs.
    const nodes = page.edges.map((edge) => edge.node);
    const tierIds = [
      ...(selectsPath(info, ['edges', 'node', 'tier']) ? nodes.map((node) => node.tierId) : []),
      ...(selectsPath(info, ['edges', 'node', 'waitlistedFor'])
        ? nodes.map((node) => node.waitlistedForTierId)
        : []),
    ];
    await this.fields.preloadTiers(caller.businessId, tierIds, loaders);
    return page;
  }

  @Mutation(() => CustomerObject, { description: 'CONFLICT when the externalRef is taken in this business.' })
  @RequireScopes(ApiKeyScope.CustomersWrite)
  createCustomer(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateCustomerInput,
  ): Promise<CustomerObject> {
    return this.service.create(caller.businessId, input);
  }

  @Mutation(() => CustomerObject, { description: 'Partial update; CONFLICT for an erased customer.' })
  @RequireScopes(ApiKeyScope.CustomersWrite)
  updateCustomer(@CurrentCaller() caller: Caller, @Args() args: UpdateCustomerArgs): Promise<CustomerObject> {
    return this.service.update(caller.businessId, args.id, args.input);
  }

  @Mutation(() => ImportCustomersPayload, {
    description: 'Create or update up to 10,000 customers by externalRef, with a result per row.',
  })
  @RequireScopes(ApiKeyScope.CustomersWrite)
  @HeavyOperation()
  importCustomers(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ImportCustomersInput,
  ): Promise<ImportCustomersPayload> {
    return this.imports.import(caller.businessId, input.customers);
  }

  @Mutation(() => CustomerObject, {
    description:
      'GDPR erasure: personal fields wiped, externalRef becomes erased:<id>, interactions kept without comments, ' +
      'tier seat released, audited. Idempotent: erasing again returns the erased customer and changes nothing.',
  })
  @RequireScopes(ApiKeyScope.CustomersWrite)
  eraseCustomer(@CurrentCaller() caller: Caller, @Args() args: CustomerIdArgs): Promise<CustomerObject> {
    return this.erasure.erase(caller, args.id);
  }
}

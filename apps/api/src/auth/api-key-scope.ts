import { registerEnumType } from '@nestjs/graphql';

/** What a key may do; `admin` manages the business's keys. */
export enum ApiKeyScope {
  CustomersRead = 'customers:read',
  CustomersWrite = 'customers:write',
  InteractionsWrite = 'interactions:write',
  TiersWrite = 'tiers:write',
  CampaignsWrite = 'campaigns:write',
  InsightsRead = 'insights:read',
  Admin = 'admin',
}

export const ALL_SCOPES = Object.values(ApiKeyScope);

registerEnumType(ApiKeyScope, { name: 'ApiKeyScope' });

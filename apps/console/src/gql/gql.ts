/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query Business {\n    business {\n      id\n      name\n      timeZone\n    }\n  }\n': typeof types.BusinessDocument;
  '\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n': typeof types.ApiKeysDocument;
  '\n  query ProbeCustomersRead {\n    customers(first: 1) {\n      totalCount\n    }\n  }\n': typeof types.ProbeCustomersReadDocument;
  '\n  query ProbeInsightsRead {\n    insights {\n      tierDistribution {\n        customers\n      }\n    }\n  }\n': typeof types.ProbeInsightsReadDocument;
  '\n  fragment TierFields on Tier {\n    id\n    name\n    rank\n    entryScore\n    retainScore\n    graceDays\n    capacity\n    capacityUsed\n    capacityRemaining\n    members\n    benefits\n    admissionMode\n    admissionQuota {\n      limit\n      period\n    }\n    quotaUsedThisPeriod\n  }\n': typeof types.TierFieldsFragmentDoc;
  '\n  query Ladder {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n': typeof types.LadderDocument;
  '\n  query InnerCircle($tierId: ID!, $waitFirst: Int!) {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n        waitlist(first: $waitFirst) {\n          totalCount\n          edges {\n            node {\n              rank\n              score\n              qualifiedAt\n              customer {\n                id\n                name\n                externalRef\n              }\n            }\n          }\n        }\n      }\n    }\n    customers(first: 50, filter: { tierId: $tierId }, sort: { field: SCORE, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          externalRef\n          score\n          tierSince\n          lock {\n            reason\n          }\n        }\n      }\n    }\n  }\n': typeof types.InnerCircleDocument;
  '\n  query Customers($filter: CustomerFilterInput, $after: String, $sort: CustomerSortInput) {\n    customers(first: 25, filter: $filter, after: $after, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          email\n          externalRef\n          score\n          tier {\n            id\n            name\n          }\n          waitlistedFor {\n            id\n            name\n          }\n          lastInteractionAt\n          erasedAt\n        }\n      }\n    }\n  }\n': typeof types.CustomersDocument;
  '\n  query CustomerByRef($externalRef: String!) {\n    customerByExternalRef(externalRef: $externalRef) {\n      id\n    }\n  }\n': typeof types.CustomerByRefDocument;
  '\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      joinedAt\n      lastInteractionAt\n      erasedAt\n      marketingConsent\n      score\n      tier {\n        id\n        name\n        rank\n      }\n      tierSince\n      graceUntil\n      waitlistedFor {\n        id\n        name\n      }\n      lock {\n        reason\n        until\n        tier {\n          id\n          name\n        }\n      }\n      scoreBreakdown {\n        total\n        byType {\n          type\n          count\n          points\n        }\n        regularity {\n          activeWeeks\n          points\n        }\n        topContributors {\n          interactionId\n          type\n          points\n        }\n      }\n      tierHistory(limit: 20) {\n        at\n        direction\n        reason\n        score\n        fromTier {\n          id\n          name\n        }\n        toTier {\n          id\n          name\n        }\n      }\n      recentInteractions(limit: 10) {\n        id\n        type\n        occurredAt\n        amount\n        currency\n        rating\n      }\n    }\n  }\n': typeof types.CustomerDocument;
  '\n  mutation LockCustomer($input: LockCustomerTierInput!) {\n    lockCustomerTier(input: $input) {\n      customerId\n      locked\n    }\n  }\n': typeof types.LockCustomerDocument;
  '\n  mutation UnlockCustomer($customerId: ID!, $reason: String) {\n    unlockCustomerTier(customerId: $customerId, reason: $reason) {\n      customerId\n      locked\n    }\n  }\n': typeof types.UnlockCustomerDocument;
  '\n  mutation EraseCustomer($id: ID!) {\n    eraseCustomer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      erasedAt\n    }\n  }\n': typeof types.EraseCustomerDocument;
  '\n  query SimulateLadder($input: SetTierLadderInput!) {\n    simulateTierLadder(input: $input) {\n      upgradedCount\n      downgradedCount\n      unchangedCount\n      lockedCount\n      tiers {\n        id\n        name\n        rank\n        capacity\n        members\n        waitlisted\n      }\n      movements {\n        count\n        fromTier {\n          id\n          name\n          rank\n        }\n        toTier {\n          id\n          name\n          rank\n        }\n      }\n    }\n  }\n': typeof types.SimulateLadderDocument;
  '\n  mutation SetLadder($input: SetTierLadderInput!) {\n    setTierLadder(input: $input) {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n': typeof types.SetLadderDocument;
  '\n  query Insights {\n    insights {\n      tierDistribution {\n        customers\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      innerCircleGrowth(weeks: 8) {\n        weekStart\n        joined\n        left\n        members\n      }\n      byTier {\n        members\n        repeatPurchaseRate\n        averageFeedbackRating\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      topReferrers(limit: 10) {\n        customerId\n        externalRef\n        name\n        referrals\n      }\n    }\n  }\n': typeof types.InsightsDocument;
  '\n  subscription TierChanged {\n    tierChanged {\n      eventId\n      customerId\n      customerExternalRef\n      direction\n      reason\n      score\n      occurredAt\n      previousTier {\n        id\n        name\n        rank\n      }\n      newTier {\n        id\n        name\n        rank\n      }\n    }\n  }\n': typeof types.TierChangedDocument;
  '\n  query Campaigns {\n    campaigns(first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          status\n          startsAt\n          endsAt\n          redeemedCount\n          caps {\n            total\n            perCustomer\n            perPeriod {\n              limit\n              period\n            }\n          }\n          remaining {\n            total\n            perPeriod\n            periodKey\n            effective\n          }\n          audience {\n            kind\n            minTierRank\n          }\n          stats {\n            total\n            byTier {\n              count\n              tier {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.CampaignsDocument;
  '\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      id\n      name\n      status\n    }\n  }\n': typeof types.CreateCampaignDocument;
  '\n  mutation ActivateCampaign($id: ID!) {\n    activateCampaign(id: $id) {\n      id\n      status\n    }\n  }\n': typeof types.ActivateCampaignDocument;
  '\n  mutation ScheduleCampaign($id: ID!, $startsAt: DateTime) {\n    scheduleCampaign(id: $id, startsAt: $startsAt) {\n      id\n      status\n      startsAt\n    }\n  }\n': typeof types.ScheduleCampaignDocument;
  '\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      id\n      status\n    }\n  }\n': typeof types.PauseCampaignDocument;
  '\n  mutation EndCampaign($id: ID!) {\n    endCampaign(id: $id) {\n      id\n      status\n    }\n  }\n': typeof types.EndCampaignDocument;
  '\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n': typeof types.CreateApiKeyDocument;
  '\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n': typeof types.RevokeApiKeyDocument;
  '\n  query ScoringSettings {\n    scoringSettings {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n': typeof types.ScoringSettingsDocument;
  '\n  query SimulateScoringSettings($input: ScoringSettingsInput!, $withNames: Boolean!) {\n    simulateScoringSettings(input: $input) {\n      customerCount\n      tierChangedCount\n      upgradedCount\n      downgradedCount\n      rankCorrelation\n      topBefore {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n      topAfter {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n    }\n  }\n': typeof types.SimulateScoringSettingsDocument;
  '\n  mutation SetScoringSettings($input: ScoringSettingsInput!) {\n    setScoringSettings(input: $input) {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n': typeof types.SetScoringSettingsDocument;
  '\n  query CampaignRedeemers($id: ID!, $first: Int!) {\n    campaign(id: $id) {\n      id\n      redemptions(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            createdAt\n            tier {\n              id\n              name\n            }\n            customer {\n              id\n              name\n              externalRef\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.CampaignRedeemersDocument;
};
const documents: Documents = {
  '\n  query Business {\n    business {\n      id\n      name\n      timeZone\n    }\n  }\n':
    types.BusinessDocument,
  '\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n':
    types.ApiKeysDocument,
  '\n  query ProbeCustomersRead {\n    customers(first: 1) {\n      totalCount\n    }\n  }\n':
    types.ProbeCustomersReadDocument,
  '\n  query ProbeInsightsRead {\n    insights {\n      tierDistribution {\n        customers\n      }\n    }\n  }\n':
    types.ProbeInsightsReadDocument,
  '\n  fragment TierFields on Tier {\n    id\n    name\n    rank\n    entryScore\n    retainScore\n    graceDays\n    capacity\n    capacityUsed\n    capacityRemaining\n    members\n    benefits\n    admissionMode\n    admissionQuota {\n      limit\n      period\n    }\n    quotaUsedThisPeriod\n  }\n':
    types.TierFieldsFragmentDoc,
  '\n  query Ladder {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n':
    types.LadderDocument,
  '\n  query InnerCircle($tierId: ID!, $waitFirst: Int!) {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n        waitlist(first: $waitFirst) {\n          totalCount\n          edges {\n            node {\n              rank\n              score\n              qualifiedAt\n              customer {\n                id\n                name\n                externalRef\n              }\n            }\n          }\n        }\n      }\n    }\n    customers(first: 50, filter: { tierId: $tierId }, sort: { field: SCORE, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          externalRef\n          score\n          tierSince\n          lock {\n            reason\n          }\n        }\n      }\n    }\n  }\n':
    types.InnerCircleDocument,
  '\n  query Customers($filter: CustomerFilterInput, $after: String, $sort: CustomerSortInput) {\n    customers(first: 25, filter: $filter, after: $after, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          email\n          externalRef\n          score\n          tier {\n            id\n            name\n          }\n          waitlistedFor {\n            id\n            name\n          }\n          lastInteractionAt\n          erasedAt\n        }\n      }\n    }\n  }\n':
    types.CustomersDocument,
  '\n  query CustomerByRef($externalRef: String!) {\n    customerByExternalRef(externalRef: $externalRef) {\n      id\n    }\n  }\n':
    types.CustomerByRefDocument,
  '\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      joinedAt\n      lastInteractionAt\n      erasedAt\n      marketingConsent\n      score\n      tier {\n        id\n        name\n        rank\n      }\n      tierSince\n      graceUntil\n      waitlistedFor {\n        id\n        name\n      }\n      lock {\n        reason\n        until\n        tier {\n          id\n          name\n        }\n      }\n      scoreBreakdown {\n        total\n        byType {\n          type\n          count\n          points\n        }\n        regularity {\n          activeWeeks\n          points\n        }\n        topContributors {\n          interactionId\n          type\n          points\n        }\n      }\n      tierHistory(limit: 20) {\n        at\n        direction\n        reason\n        score\n        fromTier {\n          id\n          name\n        }\n        toTier {\n          id\n          name\n        }\n      }\n      recentInteractions(limit: 10) {\n        id\n        type\n        occurredAt\n        amount\n        currency\n        rating\n      }\n    }\n  }\n':
    types.CustomerDocument,
  '\n  mutation LockCustomer($input: LockCustomerTierInput!) {\n    lockCustomerTier(input: $input) {\n      customerId\n      locked\n    }\n  }\n':
    types.LockCustomerDocument,
  '\n  mutation UnlockCustomer($customerId: ID!, $reason: String) {\n    unlockCustomerTier(customerId: $customerId, reason: $reason) {\n      customerId\n      locked\n    }\n  }\n':
    types.UnlockCustomerDocument,
  '\n  mutation EraseCustomer($id: ID!) {\n    eraseCustomer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      erasedAt\n    }\n  }\n':
    types.EraseCustomerDocument,
  '\n  query SimulateLadder($input: SetTierLadderInput!) {\n    simulateTierLadder(input: $input) {\n      upgradedCount\n      downgradedCount\n      unchangedCount\n      lockedCount\n      tiers {\n        id\n        name\n        rank\n        capacity\n        members\n        waitlisted\n      }\n      movements {\n        count\n        fromTier {\n          id\n          name\n          rank\n        }\n        toTier {\n          id\n          name\n          rank\n        }\n      }\n    }\n  }\n':
    types.SimulateLadderDocument,
  '\n  mutation SetLadder($input: SetTierLadderInput!) {\n    setTierLadder(input: $input) {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n':
    types.SetLadderDocument,
  '\n  query Insights {\n    insights {\n      tierDistribution {\n        customers\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      innerCircleGrowth(weeks: 8) {\n        weekStart\n        joined\n        left\n        members\n      }\n      byTier {\n        members\n        repeatPurchaseRate\n        averageFeedbackRating\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      topReferrers(limit: 10) {\n        customerId\n        externalRef\n        name\n        referrals\n      }\n    }\n  }\n':
    types.InsightsDocument,
  '\n  subscription TierChanged {\n    tierChanged {\n      eventId\n      customerId\n      customerExternalRef\n      direction\n      reason\n      score\n      occurredAt\n      previousTier {\n        id\n        name\n        rank\n      }\n      newTier {\n        id\n        name\n        rank\n      }\n    }\n  }\n':
    types.TierChangedDocument,
  '\n  query Campaigns {\n    campaigns(first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          status\n          startsAt\n          endsAt\n          redeemedCount\n          caps {\n            total\n            perCustomer\n            perPeriod {\n              limit\n              period\n            }\n          }\n          remaining {\n            total\n            perPeriod\n            periodKey\n            effective\n          }\n          audience {\n            kind\n            minTierRank\n          }\n          stats {\n            total\n            byTier {\n              count\n              tier {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.CampaignsDocument,
  '\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      id\n      name\n      status\n    }\n  }\n':
    types.CreateCampaignDocument,
  '\n  mutation ActivateCampaign($id: ID!) {\n    activateCampaign(id: $id) {\n      id\n      status\n    }\n  }\n':
    types.ActivateCampaignDocument,
  '\n  mutation ScheduleCampaign($id: ID!, $startsAt: DateTime) {\n    scheduleCampaign(id: $id, startsAt: $startsAt) {\n      id\n      status\n      startsAt\n    }\n  }\n':
    types.ScheduleCampaignDocument,
  '\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      id\n      status\n    }\n  }\n':
    types.PauseCampaignDocument,
  '\n  mutation EndCampaign($id: ID!) {\n    endCampaign(id: $id) {\n      id\n      status\n    }\n  }\n':
    types.EndCampaignDocument,
  '\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n':
    types.CreateApiKeyDocument,
  '\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n':
    types.RevokeApiKeyDocument,
  '\n  query ScoringSettings {\n    scoringSettings {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n':
    types.ScoringSettingsDocument,
  '\n  query SimulateScoringSettings($input: ScoringSettingsInput!, $withNames: Boolean!) {\n    simulateScoringSettings(input: $input) {\n      customerCount\n      tierChangedCount\n      upgradedCount\n      downgradedCount\n      rankCorrelation\n      topBefore {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n      topAfter {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n    }\n  }\n':
    types.SimulateScoringSettingsDocument,
  '\n  mutation SetScoringSettings($input: ScoringSettingsInput!) {\n    setScoringSettings(input: $input) {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n':
    types.SetScoringSettingsDocument,
  '\n  query CampaignRedeemers($id: ID!, $first: Int!) {\n    campaign(id: $id) {\n      id\n      redemptions(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            createdAt\n            tier {\n              id\n              name\n            }\n            customer {\n              id\n              name\n              externalRef\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.CampaignRedeemersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Business {\n    business {\n      id\n      name\n      timeZone\n    }\n  }\n',
): (typeof documents)['\n  query Business {\n    business {\n      id\n      name\n      timeZone\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n',
): (typeof documents)['\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ProbeCustomersRead {\n    customers(first: 1) {\n      totalCount\n    }\n  }\n',
): (typeof documents)['\n  query ProbeCustomersRead {\n    customers(first: 1) {\n      totalCount\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ProbeInsightsRead {\n    insights {\n      tierDistribution {\n        customers\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ProbeInsightsRead {\n    insights {\n      tierDistribution {\n        customers\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TierFields on Tier {\n    id\n    name\n    rank\n    entryScore\n    retainScore\n    graceDays\n    capacity\n    capacityUsed\n    capacityRemaining\n    members\n    benefits\n    admissionMode\n    admissionQuota {\n      limit\n      period\n    }\n    quotaUsedThisPeriod\n  }\n',
): (typeof documents)['\n  fragment TierFields on Tier {\n    id\n    name\n    rank\n    entryScore\n    retainScore\n    graceDays\n    capacity\n    capacityUsed\n    capacityRemaining\n    members\n    benefits\n    admissionMode\n    admissionQuota {\n      limit\n      period\n    }\n    quotaUsedThisPeriod\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Ladder {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Ladder {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query InnerCircle($tierId: ID!, $waitFirst: Int!) {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n        waitlist(first: $waitFirst) {\n          totalCount\n          edges {\n            node {\n              rank\n              score\n              qualifiedAt\n              customer {\n                id\n                name\n                externalRef\n              }\n            }\n          }\n        }\n      }\n    }\n    customers(first: 50, filter: { tierId: $tierId }, sort: { field: SCORE, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          externalRef\n          score\n          tierSince\n          lock {\n            reason\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query InnerCircle($tierId: ID!, $waitFirst: Int!) {\n    tierLadder {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n        waitlist(first: $waitFirst) {\n          totalCount\n          edges {\n            node {\n              rank\n              score\n              qualifiedAt\n              customer {\n                id\n                name\n                externalRef\n              }\n            }\n          }\n        }\n      }\n    }\n    customers(first: 50, filter: { tierId: $tierId }, sort: { field: SCORE, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          externalRef\n          score\n          tierSince\n          lock {\n            reason\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Customers($filter: CustomerFilterInput, $after: String, $sort: CustomerSortInput) {\n    customers(first: 25, filter: $filter, after: $after, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          email\n          externalRef\n          score\n          tier {\n            id\n            name\n          }\n          waitlistedFor {\n            id\n            name\n          }\n          lastInteractionAt\n          erasedAt\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Customers($filter: CustomerFilterInput, $after: String, $sort: CustomerSortInput) {\n    customers(first: 25, filter: $filter, after: $after, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          email\n          externalRef\n          score\n          tier {\n            id\n            name\n          }\n          waitlistedFor {\n            id\n            name\n          }\n          lastInteractionAt\n          erasedAt\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CustomerByRef($externalRef: String!) {\n    customerByExternalRef(externalRef: $externalRef) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  query CustomerByRef($externalRef: String!) {\n    customerByExternalRef(externalRef: $externalRef) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      joinedAt\n      lastInteractionAt\n      erasedAt\n      marketingConsent\n      score\n      tier {\n        id\n        name\n        rank\n      }\n      tierSince\n      graceUntil\n      waitlistedFor {\n        id\n        name\n      }\n      lock {\n        reason\n        until\n        tier {\n          id\n          name\n        }\n      }\n      scoreBreakdown {\n        total\n        byType {\n          type\n          count\n          points\n        }\n        regularity {\n          activeWeeks\n          points\n        }\n        topContributors {\n          interactionId\n          type\n          points\n        }\n      }\n      tierHistory(limit: 20) {\n        at\n        direction\n        reason\n        score\n        fromTier {\n          id\n          name\n        }\n        toTier {\n          id\n          name\n        }\n      }\n      recentInteractions(limit: 10) {\n        id\n        type\n        occurredAt\n        amount\n        currency\n        rating\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      joinedAt\n      lastInteractionAt\n      erasedAt\n      marketingConsent\n      score\n      tier {\n        id\n        name\n        rank\n      }\n      tierSince\n      graceUntil\n      waitlistedFor {\n        id\n        name\n      }\n      lock {\n        reason\n        until\n        tier {\n          id\n          name\n        }\n      }\n      scoreBreakdown {\n        total\n        byType {\n          type\n          count\n          points\n        }\n        regularity {\n          activeWeeks\n          points\n        }\n        topContributors {\n          interactionId\n          type\n          points\n        }\n      }\n      tierHistory(limit: 20) {\n        at\n        direction\n        reason\n        score\n        fromTier {\n          id\n          name\n        }\n        toTier {\n          id\n          name\n        }\n      }\n      recentInteractions(limit: 10) {\n        id\n        type\n        occurredAt\n        amount\n        currency\n        rating\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation LockCustomer($input: LockCustomerTierInput!) {\n    lockCustomerTier(input: $input) {\n      customerId\n      locked\n    }\n  }\n',
): (typeof documents)['\n  mutation LockCustomer($input: LockCustomerTierInput!) {\n    lockCustomerTier(input: $input) {\n      customerId\n      locked\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UnlockCustomer($customerId: ID!, $reason: String) {\n    unlockCustomerTier(customerId: $customerId, reason: $reason) {\n      customerId\n      locked\n    }\n  }\n',
): (typeof documents)['\n  mutation UnlockCustomer($customerId: ID!, $reason: String) {\n    unlockCustomerTier(customerId: $customerId, reason: $reason) {\n      customerId\n      locked\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation EraseCustomer($id: ID!) {\n    eraseCustomer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      erasedAt\n    }\n  }\n',
): (typeof documents)['\n  mutation EraseCustomer($id: ID!) {\n    eraseCustomer(id: $id) {\n      id\n      name\n      email\n      externalRef\n      erasedAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SimulateLadder($input: SetTierLadderInput!) {\n    simulateTierLadder(input: $input) {\n      upgradedCount\n      downgradedCount\n      unchangedCount\n      lockedCount\n      tiers {\n        id\n        name\n        rank\n        capacity\n        members\n        waitlisted\n      }\n      movements {\n        count\n        fromTier {\n          id\n          name\n          rank\n        }\n        toTier {\n          id\n          name\n          rank\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SimulateLadder($input: SetTierLadderInput!) {\n    simulateTierLadder(input: $input) {\n      upgradedCount\n      downgradedCount\n      unchangedCount\n      lockedCount\n      tiers {\n        id\n        name\n        rank\n        capacity\n        members\n        waitlisted\n      }\n      movements {\n        count\n        fromTier {\n          id\n          name\n          rank\n        }\n        toTier {\n          id\n          name\n          rank\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SetLadder($input: SetTierLadderInput!) {\n    setTierLadder(input: $input) {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SetLadder($input: SetTierLadderInput!) {\n    setTierLadder(input: $input) {\n      version\n      timeZone\n      tiers {\n        ...TierFields\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Insights {\n    insights {\n      tierDistribution {\n        customers\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      innerCircleGrowth(weeks: 8) {\n        weekStart\n        joined\n        left\n        members\n      }\n      byTier {\n        members\n        repeatPurchaseRate\n        averageFeedbackRating\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      topReferrers(limit: 10) {\n        customerId\n        externalRef\n        name\n        referrals\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Insights {\n    insights {\n      tierDistribution {\n        customers\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      innerCircleGrowth(weeks: 8) {\n        weekStart\n        joined\n        left\n        members\n      }\n      byTier {\n        members\n        repeatPurchaseRate\n        averageFeedbackRating\n        tier {\n          id\n          name\n          rank\n        }\n      }\n      topReferrers(limit: 10) {\n        customerId\n        externalRef\n        name\n        referrals\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription TierChanged {\n    tierChanged {\n      eventId\n      customerId\n      customerExternalRef\n      direction\n      reason\n      score\n      occurredAt\n      previousTier {\n        id\n        name\n        rank\n      }\n      newTier {\n        id\n        name\n        rank\n      }\n    }\n  }\n',
): (typeof documents)['\n  subscription TierChanged {\n    tierChanged {\n      eventId\n      customerId\n      customerExternalRef\n      direction\n      reason\n      score\n      occurredAt\n      previousTier {\n        id\n        name\n        rank\n      }\n      newTier {\n        id\n        name\n        rank\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Campaigns {\n    campaigns(first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          status\n          startsAt\n          endsAt\n          redeemedCount\n          caps {\n            total\n            perCustomer\n            perPeriod {\n              limit\n              period\n            }\n          }\n          remaining {\n            total\n            perPeriod\n            periodKey\n            effective\n          }\n          audience {\n            kind\n            minTierRank\n          }\n          stats {\n            total\n            byTier {\n              count\n              tier {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Campaigns {\n    campaigns(first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          status\n          startsAt\n          endsAt\n          redeemedCount\n          caps {\n            total\n            perCustomer\n            perPeriod {\n              limit\n              period\n            }\n          }\n          remaining {\n            total\n            perPeriod\n            periodKey\n            effective\n          }\n          audience {\n            kind\n            minTierRank\n          }\n          stats {\n            total\n            byTier {\n              count\n              tier {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      id\n      name\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      id\n      name\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ActivateCampaign($id: ID!) {\n    activateCampaign(id: $id) {\n      id\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation ActivateCampaign($id: ID!) {\n    activateCampaign(id: $id) {\n      id\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleCampaign($id: ID!, $startsAt: DateTime) {\n    scheduleCampaign(id: $id, startsAt: $startsAt) {\n      id\n      status\n      startsAt\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleCampaign($id: ID!, $startsAt: DateTime) {\n    scheduleCampaign(id: $id, startsAt: $startsAt) {\n      id\n      status\n      startsAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      id\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      id\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation EndCampaign($id: ID!) {\n    endCampaign(id: $id) {\n      id\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation EndCampaign($id: ID!) {\n    endCampaign(id: $id) {\n      id\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        revokedAt\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n',
): (typeof documents)['\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ScoringSettings {\n    scoringSettings {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ScoringSettings {\n    scoringSettings {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SimulateScoringSettings($input: ScoringSettingsInput!, $withNames: Boolean!) {\n    simulateScoringSettings(input: $input) {\n      customerCount\n      tierChangedCount\n      upgradedCount\n      downgradedCount\n      rankCorrelation\n      topBefore {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n      topAfter {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SimulateScoringSettings($input: ScoringSettingsInput!, $withNames: Boolean!) {\n    simulateScoringSettings(input: $input) {\n      customerCount\n      tierChangedCount\n      upgradedCount\n      downgradedCount\n      rankCorrelation\n      topBefore {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n      topAfter {\n        customerId\n        externalRef\n        rank\n        score\n        customer @include(if: $withNames) {\n          id\n          name\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SetScoringSettings($input: ScoringSettingsInput!) {\n    setScoringSettings(input: $input) {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SetScoringSettings($input: ScoringSettingsInput!) {\n    setScoringSettings(input: $input) {\n      version\n      recomputeInProgress\n      timeZone\n      halfLifeDays\n      weeklyReturnBonus\n      purchaseAmountUnit\n      feedbackCommentBonus\n      exactWindowWeeks\n      weights {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n      weeklyCaps {\n        visit\n        purchase\n        feedback\n        referral\n        campaignRedemption\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CampaignRedeemers($id: ID!, $first: Int!) {\n    campaign(id: $id) {\n      id\n      redemptions(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            createdAt\n            tier {\n              id\n              name\n            }\n            customer {\n              id\n              name\n              externalRef\n            }\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CampaignRedeemers($id: ID!, $first: Int!) {\n    campaign(id: $id) {\n      id\n      redemptions(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            createdAt\n            tier {\n              id\n              name\n            }\n            customer {\n              id\n              name\n              externalRef\n            }\n          }\n        }\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;

import { graphql } from '../gql';

// Every operation the console sends. Typed by GraphQL Code Generator from apps/api/schema.graphql.

export const BusinessQuery = graphql(`
  query Business {
    business {
      id
      name
      timeZone
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      prefix
      scopes
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const ProbeCustomersReadQuery = graphql(`
  query ProbeCustomersRead {
    customers(first: 1) {
      totalCount
    }
  }
`);

export const ProbeInsightsReadQuery = graphql(`
  query ProbeInsightsRead {
    insights {
      tierDistribution {
        customers
      }
    }
  }
`);

export const TierFields = graphql(`
  fragment TierFields on Tier {
    id
    name
    rank
    entryScore
    retainScore
    graceDays
    capacity
    capacityUsed
    capacityRemaining
    members
    benefits
    admissionMode
    admissionQuota {
      limit
      period
    }
    quotaUsedThisPeriod
  }
`);

export const LadderQuery = graphql(`
  query Ladder {
    tierLadder {
      version
      timeZone
      tiers {
        ...TierFields
      }
    }
  }
`);

export const LongWorkProgressFields = graphql(`
  fragment LongWorkProgressFields on LongWorkProgress {
    version
    customersDone
    customersTotal
    percentDone
    startedAt
    finishedAt
    estimatedFinishAt
    estimatedSecondsLeft
  }
`);

/** Polled while the newest ladder is being applied (the api explains why a poll, not a subscription). */
export const LadderApplicationQuery = graphql(`
  query LadderApplication {
    tierLadder {
      version
      application {
        ...LongWorkProgressFields
      }
    }
  }
`);

/** Polled while scores are recomputed after a scoring change (or a new time zone). Needs customers:read. */
export const ScoringRecomputeQuery = graphql(`
  query ScoringRecompute {
    scoringSettings {
      version
      recompute {
        ...LongWorkProgressFields
      }
    }
  }
`);

export const InnerCircleQuery = graphql(`
  query InnerCircle($tierId: ID!, $waitFirst: Int!) {
    tierLadder {
      version
      timeZone
      tiers {
        ...TierFields
        waitlist(first: $waitFirst) {
          totalCount
          edges {
            node {
              rank
              score
              qualifiedAt
              customer {
                id
                name
                externalRef
              }
            }
          }
        }
      }
    }
    customers(first: 50, filter: { tierId: $tierId }, sort: { field: SCORE, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          name
          externalRef
          score
          tierSince
          lock {
            reason
          }
        }
      }
    }
  }
`);

export const CustomersQuery = graphql(`
  query Customers($filter: CustomerFilterInput, $after: String, $sort: CustomerSortInput) {
    customers(first: 25, filter: $filter, after: $after, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          email
          externalRef
          score
          tier {
            id
            name
          }
          waitlistedFor {
            id
            name
          }
          lastInteractionAt
          erasedAt
        }
      }
    }
  }
`);

export const CustomerByRefQuery = graphql(`
  query CustomerByRef($externalRef: String!) {
    customerByExternalRef(externalRef: $externalRef) {
      id
    }
  }
`);

export const CustomerQuery = graphql(`
  query Customer($id: ID!) {
    customer(id: $id) {
      id
      name
      email
      externalRef
      joinedAt
      lastInteractionAt
      erasedAt
      marketingConsent
      score
      tier {
        id
        name
        rank
      }
      tierSince
      graceUntil
      waitlistedFor {
        id
        name
      }
      lock {
        reason
        until
        tier {
          id
          name
        }
      }
      scoreBreakdown {
        total
        byType {
          type
          count
          points
        }
        regularity {
          activeWeeks
          points
        }
        topContributors {
          interactionId
          type
          points
        }
      }
      tierHistory(limit: 20) {
        at
        direction
        reason
        score
        fromTier {
          id
          name
        }
        toTier {
          id
          name
        }
      }
      recentInteractions(limit: 10) {
        id
        type
        occurredAt
        amount
        currency
        rating
      }
    }
  }
`);

export const LockCustomerMutation = graphql(`
  mutation LockCustomer($input: LockCustomerTierInput!) {
    lockCustomerTier(input: $input) {
      customerId
      locked
    }
  }
`);

export const UnlockCustomerMutation = graphql(`
  mutation UnlockCustomer($customerId: ID!, $reason: String) {
    unlockCustomerTier(customerId: $customerId, reason: $reason) {
      customerId
      locked
    }
  }
`);

export const EraseCustomerMutation = graphql(`
  mutation EraseCustomer($id: ID!) {
    eraseCustomer(id: $id) {
      id
      name
      email
      externalRef
      erasedAt
    }
  }
`);

export const SimulateLadderQuery = graphql(`
  query SimulateLadder($input: SetTierLadderInput!) {
    simulateTierLadder(input: $input) {
      upgradedCount
      downgradedCount
      unchangedCount
      lockedCount
      tiers {
        id
        name
        rank
        capacity
        members
        waitlisted
      }
      movements {
        count
        fromTier {
          id
          name
          rank
        }
        toTier {
          id
          name
          rank
        }
      }
    }
  }
`);

export const SetLadderMutation = graphql(`
  mutation SetLadder($input: SetTierLadderInput!) {
    setTierLadder(input: $input) {
      version
      timeZone
      tiers {
        ...TierFields
      }
    }
  }
`);

export const InsightsQuery = graphql(`
  query Insights {
    insights {
      tierDistribution {
        customers
        tier {
          id
          name
          rank
        }
      }
      innerCircleGrowth(weeks: 8) {
        weekStart
        joined
        left
        members
      }
      byTier {
        members
        repeatPurchaseRate
        averageFeedbackRating
        tier {
          id
          name
          rank
        }
      }
      topReferrers(limit: 10) {
        customerId
        externalRef
        name
        referrals
      }
    }
  }
`);

export const TierChangedSubscription = graphql(`
  subscription TierChanged {
    tierChanged {
      eventId
      customerId
      customerExternalRef
      direction
      reason
      score
      occurredAt
      previousTier {
        id
        name
        rank
      }
      newTier {
        id
        name
        rank
      }
    }
  }
`);

export const CampaignsQuery = graphql(`
  query Campaigns {
    campaigns(first: 20) {
      totalCount
      edges {
        node {
          id
          name
          description
          status
          startsAt
          endsAt
          redeemedCount
          caps {
            total
            perCustomer
            perPeriod {
              limit
              period
            }
          }
          remaining {
            total
            perPeriod
            periodKey
            effective
          }
          audience {
            kind
            minTierRank
          }
          stats {
            total
            byTier {
              count
              tier {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

export const CreateCampaignMutation = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      id
      name
      status
    }
  }
`);

export const ActivateCampaignMutation = graphql(`
  mutation ActivateCampaign($id: ID!) {
    activateCampaign(id: $id) {
      id
      status
    }
  }
`);

export const ScheduleCampaignMutation = graphql(`
  mutation ScheduleCampaign($id: ID!, $startsAt: DateTime) {
    scheduleCampaign(id: $id, startsAt: $startsAt) {
      id
      status
      startsAt
    }
  }
`);

export const PauseCampaignMutation = graphql(`
  mutation PauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      id
      status
    }
  }
`);

export const EndCampaignMutation = graphql(`
  mutation EndCampaign($id: ID!) {
    endCampaign(id: $id) {
      id
      status
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

export const ScoringSettingsQuery = graphql(`
  query ScoringSettings {
    scoringSettings {
      version
      recomputeInProgress
      timeZone
      halfLifeDays
      weeklyReturnBonus
      purchaseAmountUnit
      feedbackCommentBonus
      exactWindowWeeks
      weights {
        visit
        purchase
        feedback
        referral
        campaignRedemption
      }
      weeklyCaps {
        visit
        purchase
        feedback
        referral
        campaignRedemption
      }
    }
  }
`);

export const SimulateScoringSettingsQuery = graphql(`
  query SimulateScoringSettings($input: ScoringSettingsInput!, $withNames: Boolean!) {
    simulateScoringSettings(input: $input) {
      customerCount
      tierChangedCount
      upgradedCount
      downgradedCount
      rankCorrelation
      topBefore {
        customerId
        externalRef
        rank
        score
        customer @include(if: $withNames) {
          id
          name
        }
      }
      topAfter {
        customerId
        externalRef
        rank
        score
        customer @include(if: $withNames) {
          id
          name
        }
      }
    }
  }
`);

export const SetScoringSettingsMutation = graphql(`
  mutation SetScoringSettings($input: ScoringSettingsInput!) {
    setScoringSettings(input: $input) {
      version
      recomputeInProgress
      timeZone
      halfLifeDays
      weeklyReturnBonus
      purchaseAmountUnit
      feedbackCommentBonus
      exactWindowWeeks
      weights {
        visit
        purchase
        feedback
        referral
        campaignRedemption
      }
      weeklyCaps {
        visit
        purchase
        feedback
        referral
        campaignRedemption
      }
    }
  }
`);

export const CampaignRedeemersQuery = graphql(`
  query CampaignRedeemers($id: ID!, $first: Int!) {
    campaign(id: $id) {
      id
      redemptions(first: $first) {
        totalCount
        pageInfo {
          hasNextPage
        }
        edges {
          node {
            id
            createdAt
            tier {
              id
              name
            }
            customer {
              id
              name
              externalRef
            }
          }
        }
      }
    }
  }
`);

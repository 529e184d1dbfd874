import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SimulatedTierRef', { description: 'A tier of the current or the proposed ladder.' })
export class SimulatedTierRefObject {
  @Field(() => ID, { nullable: true, description: 'null for a tier the proposal would create.' })
  id!: string | null;

  @Field()
  name!: string;

  @Field(() => Int)
  rank!: number;
}

@ObjectType('SimulatedTierMovement', { description: 'How many customers would go from one tier to another.' })
export class SimulatedTierMovementObject {
  @Field(() => SimulatedTierRefObject, { nullable: true, description: 'null: no tier today.' })
  fromTier!: SimulatedTierRefObject | null;

  @Field(() => SimulatedTierRefObject, { nullable: true, description: 'null: no tier under the proposal.' })
  toTier!: SimulatedTierRefObject | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType('SimulatedTier', { description: 'A proposed tier once the ladder settles.' })
export class SimulatedTierObject {
  @Field(() => ID, { nullable: true, description: 'null for a tier the proposal would create.' })
  id!: string | null;

  @Field()
  name!: string;

  @Field(() => Int)
  rank!: number;

  @Field(() => Int)
  members!: number;

  @Field(() => Int, { nullable: true })
  capacity!: number | null;

  @Field(() => Int, { description: 'Customers who would qualify but find the tier full.' })
  waitlisted!: number;
}

@ObjectType('TierLadderSimulation', {
  description:
    'Where the business’s customers would stand under a proposed ladder once it settles (grace elapsed, quotas ignored). Nothing is changed.',
})
export class TierLadderSimulationObject {
  @Field(() => [SimulatedTierMovementObject])
  movements!: SimulatedTierMovementObject[];

  @Field(() => [SimulatedTierObject])
  tiers!: SimulatedTierObject[];

  @Field(() => Int)
  downgradedCount!: number;

  @Field(() => Int)
  upgradedCount!: number;

  @Field(() => Int)
  unchangedCount!: number;

  @Field(() => Int)
  lockedCount!: number;
}

import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';

@ObjectType('LongWorkProgress', {
  description:
    'How far the worker got in bringing every customer to a new version (ladder application, score recompute). Poll it until finishedAt is set.',
})
export class LongWorkProgressObject {
  @Field(() => Int, { description: 'The ladder or scoring version being applied.' })
  version!: number;

  @Field(() => Int)
  customersDone!: number;

  @Field(() => Int, {
    description:
      'Customers counted when the run started; raised if customers created meanwhile make the done count pass it, and equal to customersDone once finished.',
  })
  customersTotal!: number;

  @Field(() => Int, { description: '0 to 100; 100 only once finished.' })
  percentDone!: number;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Null while queued: the version is raised but the worker has not taken its first batch.',
  })
  startedAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Null while queued or running.' })
  finishedAt!: Date | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description:
      'At the rate so far (customers per second since the start); the finish time once finished; null before the first batch.',
  })
  estimatedFinishAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Seconds from now to estimatedFinishAt, as the server counts them (a browser clock may be off); 0 once finished.',
  })
  estimatedSecondsLeft!: number | null;
}

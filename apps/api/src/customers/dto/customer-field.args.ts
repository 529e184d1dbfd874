import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ArgsType()
export class RecentInteractionsArgs {
  @Field(() => Int, { defaultValue: 10, description: '1 to 50, newest first.' })
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 10;
}

@ArgsType()
export class TierHistoryArgs {
  @Field(() => Int, { defaultValue: 20, description: '1 to 50, newest first.' })
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 20;
}

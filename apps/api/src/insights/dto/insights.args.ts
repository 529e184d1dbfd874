import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ArgsType()
export class InnerCircleGrowthArgs {
  @Field(() => Int, { defaultValue: 12, description: 'Weeks back, the current one included: 1 to 104.' })
  @IsInt()
  @Min(1)
  @Max(104)
  weeks = 12;
}

@ArgsType()
export class TopReferrersArgs {
  @Field(() => Int, { defaultValue: 10, description: '1 to 50.' })
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 10;
}

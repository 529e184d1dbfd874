import { IsInt, IsString, IsUUID, Length, Min } from 'class-validator';

/** A tier as it is named in events: enough to display it without a lookup. */
export class TierRefV1 {
  @IsUUID()
  id!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  /** Position on the ladder; higher is better. */
  @IsInt()
  @Min(0)
  rank!: number;
}

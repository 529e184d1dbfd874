/** A tier as it is named in events: enough to display it without a lookup (`components.schemas.TierRefV1`). */
export class TierRefV1 {
  id!: string;

  name!: string;

  /** Position on the ladder; higher is better. */
  rank!: number;
}

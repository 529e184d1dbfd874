import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import type { InteractionRecordedV1Payload } from '@inner-circle/contracts';
import { CampaignRepository } from '@inner-circle/persistence';
import type { Caller } from '../auth/caller.js';
import { checkInteraction } from './check-interaction.js';
import type { InteractionInput } from './dto/interaction.input.js';
import type {
  RecordInteractionErrorObject,
  RecordInteractionsResultObject,
} from './dto/record-interactions-result.object.js';
import { InteractionEventPublisher } from './interaction-event.publisher.js';
import { InteractionErrorCode, InteractionException } from './interactions.exception.js';

type Check = ReturnType<typeof checkInteraction>;

/**
 * Validates interactions and hands them to the event stream; the worker applies them.
 * Nothing is written here, so "accepted" means published, not yet scored.
 */
@Injectable()
export class InteractionsService {
  constructor(
    @Inject(InteractionEventPublisher) private readonly publisher: InteractionEventPublisher,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async recordMany(caller: Caller, items: InteractionInput[]): Promise<RecordInteractionsResultObject> {
    const now = this.clock.now();
    const valid: InteractionRecordedV1Payload[] = [];
    const errors: RecordInteractionErrorObject[] = [];
    const checks = await this.checkAll(
      caller.businessId,
      items.map((item) => checkInteraction(caller.businessId, item, now)),
    );
    items.forEach((item, index) => {
      const check = checks[index];
      if (check.ok) valid.push(check.payload);
      else
        errors.push({
          index,
          id: item.id,
          code: check.code,
          message: check.message,
          fieldErrors: check.fieldErrors,
        });
    });
    await this.publisher.publish(valid, now);
    return { accepted: valid.map((payload) => payload.interaction.id), errors };
  }

  /** One item: a validation failure is an error of the call, not a result. */
  async recordOne(caller: Caller, item: InteractionInput): Promise<{ id: string }> {
    const now = this.clock.now();
    const [check] = await this.checkAll(caller.businessId, [checkInteraction(caller.businessId, item, now)]);
    if (!check.ok) throw new InteractionException(check.code, check.message, check.fieldErrors);
    await this.publisher.publish([check.payload], now);
    return { id: check.payload.interaction.id };
  }

  /**
   * An interaction (a redemption above all) may only name a campaign of the caller's business (one read for the
   * whole batch): another business's campaign id is as unknown as a made-up one.
   */
  private async checkAll(businessId: string, checks: Check[]): Promise<Check[]> {
    const campaignIds = [
      ...new Set(
        checks.flatMap((check) =>
          check.ok && check.payload.interaction.campaignId ? [check.payload.interaction.campaignId] : [],
        ),
      ),
    ];
    if (!campaignIds.length) return checks;
    const owned = new Set((await this.campaigns.findByIds(businessId, campaignIds)).map((row) => row.id));
    return checks.map((check) => {
      const campaignId = check.ok ? check.payload.interaction.campaignId : undefined;
      if (!check.ok || !campaignId || owned.has(campaignId)) return check;
      return {
        ok: false,
        code: InteractionErrorCode.UNKNOWN_CAMPAIGN,
        message: `No campaign ${campaignId} in this business`,
        fieldErrors: [{ field: 'campaignId', messages: ['campaignId is not a campaign of this business'] }],
      };
    });
  }
}

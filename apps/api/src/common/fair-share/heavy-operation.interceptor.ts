import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { finalize, from, mergeMap, type Observable } from 'rxjs';
import { requestOf } from '../../auth/auth.decorators.js';
import { FairShareService } from './fair-share.service.js';

/** Runs the operation only with a fair-share seat of the caller's key (see FairShareService). */
@Injectable()
export class HeavyOperationInterceptor implements NestInterceptor {
  constructor(@Inject(FairShareService) private readonly fairShare: FairShareService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const caller = requestOf(context).caller;
    if (!caller) return next.handle();
    return from(this.fairShare.acquire(caller.apiKeyId)).pipe(
      mergeMap((release) => next.handle().pipe(finalize(release))),
    );
  }
}

/** Marks a resolver as heavy: rate and concurrency limited per API key. */
export const HeavyOperation = () => applyDecorators(UseInterceptors(HeavyOperationInterceptor));

import { Field, ObjectType } from '@nestjs/graphql';
import { ApiKeyObject } from './api-key.object.js';

@ObjectType('CreateApiKeyPayload')
export class CreatedApiKeyObject {
  @Field(() => ApiKeyObject)
  apiKey!: ApiKeyObject;

  @Field({
    description:
      'The full key to send as "Authorization: Bearer <secret>". Shown only here: only its hash is stored.',
  })
  secret!: string;
}

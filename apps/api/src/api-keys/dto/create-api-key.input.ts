import { Field, InputType } from '@nestjs/graphql';
import { ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsString, Length, Matches } from 'class-validator';
import { ApiKeyScope } from '../../auth/api-key-scope.js';
import { IsStorableText } from '@inner-circle/contracts/decorators';

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field({ description: '1 to 100 characters, to recognise the key later.' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: '$property must not be blank' })
  @IsStorableText()
  name!: string;

  @Field(() => [ApiKeyScope], { description: 'At least one, each at most once; `admin` implies all.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes!: ApiKeyScope[];
}

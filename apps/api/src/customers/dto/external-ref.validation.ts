import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches } from 'class-validator';
import { IsStorableText } from '@inner-circle/contracts/decorators';

/** `erased:` is how erased customers are renamed, so a live customer may not claim it. */
export const EXTERNAL_REF_PATTERN = /^(?!erased:)\S(.*\S)?$/s;

export function IsExternalRef(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Length(1, 200),
    IsStorableText(),
    Matches(EXTERNAL_REF_PATTERN, {
      message: 'externalRef must not start with "erased:" nor start or end with whitespace',
    }),
  );
}

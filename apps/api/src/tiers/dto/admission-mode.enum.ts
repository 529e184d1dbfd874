import { registerEnumType } from '@nestjs/graphql';
import { AdmissionMode } from '@inner-circle/domain';

registerEnumType(AdmissionMode, {
  name: 'AdmissionMode',
  description: 'How a tier spends its admission quota.',
  valuesMap: {
    CONTINUOUS: {
      description:
        'The first qualifiers of a period take the seats (qualifiers decided together: best score first).',
    },
    ROUNDS: {
      description:
        'Qualifiers wait; when a period opens, the best of the waitlist by score as of then take the period’s quota and the free seats. Needs an admission quota.',
    },
  },
});

export { AdmissionMode };

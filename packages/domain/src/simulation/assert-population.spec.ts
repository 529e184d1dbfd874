import { NOW, cafeLadder } from '../../test/fixtures.js';
import { expectInputError } from '../../test/expect-input-error.js';
import { InputProblemCode } from '../errors/guards.js';
import { simulateLadder, type SimulationCustomer } from './simulate-ladder.js';

const ladder = cafeLadder();
const people: SimulationCustomer[] = [
  { customerId: 'a', score: 60, currentTierId: 'friends' },
  { customerId: 'b', score: 10, currentTierId: null, lock: { tierId: 'friends', until: null } },
];

describe('simulateLadder rejects unusable input', () => {
  it.each([
    ['an Invalid Date now', people, new Date(Number.NaN), 'now', InputProblemCode.INVALID_DATE],
    [
      'a NaN score',
      [people[0], { ...people[1], score: Number.NaN }],
      NOW,
      'population[1].score',
      InputProblemCode.NOT_FINITE,
    ],
    [
      'an Invalid Date lock end',
      [people[0], { ...people[1], lock: { tierId: 'friends', until: new Date('nope') } }],
      NOW,
      'population[1].lock.until',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'a customer counted twice',
      [...people, people[0]],
      NOW,
      'population[2].customerId',
      InputProblemCode.DUPLICATE_ID,
    ],
  ])('refuses %s', (_, population, now, path, code) => {
    expectInputError(() => simulateLadder(population, ladder, ladder, now), path, code);
  });

  it('refuses a proposed ladder with a repeated tier id', () => {
    const proposed = { ...ladder, tiers: [...ladder.tiers, { ...ladder.tiers[0], rank: 9 }] };
    expectInputError(
      () => simulateLadder(people, ladder, proposed, NOW),
      'ladder.tiers[3].id',
      InputProblemCode.DUPLICATE_ID,
    );
  });
});

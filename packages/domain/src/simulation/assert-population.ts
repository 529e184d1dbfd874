import { assertFinite, assertOptionalDate, assertUniqueIds } from '../errors/guards.js';
import type { SimulationCustomer } from './simulate-ladder.js';

const customerIdOf = (customer: SimulationCustomer): string => customer.customerId;

/** Finite scores, valid lock ends and each customer once: a simulation counts people. */
export function assertPopulation(population: readonly SimulationCustomer[]): void {
  for (let i = 0; i < population.length; i++) {
    const customer = population[i];
    assertFinite(customer.score, 'population[].score', i);
    const lock = customer.lock;
    if (lock !== null && lock !== undefined) assertOptionalDate(lock.until, 'population[].lock.until', i);
  }
  assertUniqueIds(population, customerIdOf, 'population[].customerId');
}

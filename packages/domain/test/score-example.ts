import { computeScore, defaultScoringSettings, InteractionType, type Interaction } from '../src/index.js';

const DAY = 86_400_000;

/** The four customers of the README's worked example, over six weeks from `dayZero`. */
export function exampleCustomers(dayZero: number): { name: string; interactions: Interaction[] }[] {
  const at = (day: number, hour = 12): Date => new Date(dayZero + day * DAY + hour * 3_600_000);
  let seq = 0;
  const event = (
    type: InteractionType,
    occurredAt: Date,
    fields: Partial<Interaction> = {},
  ): Interaction => ({
    id: `x${++seq}`,
    type,
    occurredAt,
    ...fields,
  });
  const weeks = [0, 1, 2, 3, 4, 5];
  return [
    {
      name: 'a regular: 2 visits a week for 6 weeks (12 visits)',
      interactions: weeks.flatMap((w) => [
        event(InteractionType.VISIT, at(7 * w)),
        event(InteractionType.VISIT, at(7 * w + 3)),
      ]),
    },
    {
      name: 'a binge: 12 purchases of 10.00 on day 41',
      interactions: Array.from({ length: 12 }, (_, i) =>
        event(InteractionType.PURCHASE, at(41, 8 + i / 2), { amount: 10 }),
      ),
    },
    {
      name: '2 visits a day on days 36–41 (a six-day burst)',
      interactions: [36, 37, 38, 39, 40, 41].flatMap((day) => [
        event(InteractionType.VISIT, at(day, 9)),
        event(InteractionType.VISIT, at(day, 18)),
      ]),
    },
    {
      name: 'one 500.00 purchase on day 41',
      interactions: [event(InteractionType.PURCHASE, at(41), { amount: 500 })],
    },
  ];
}

/** The example's scores on day 42 and day 70 with the default settings (UTC). */
export function exampleScores(dayZero: number): { name: string; day42: number; day70: number }[] {
  return exampleCustomers(dayZero).map(({ name, interactions }) => ({
    name,
    day42: computeScore(interactions, defaultScoringSettings, new Date(dayZero + 42 * DAY)),
    day70: computeScore(interactions, defaultScoringSettings, new Date(dayZero + 70 * DAY)),
  }));
}

/** The README table (day 0 = Monday 2026-10-05), so the docs cannot drift from the model. */
export function exampleTable(): string {
  const rows = exampleScores(Date.parse('2026-10-05T00:00:00Z'));
  return [
    '| customer | day 42 | day 70 |',
    '| --- | --- | --- |',
    ...rows.map(({ name, day42, day70 }) => `| ${name} | ${day42.toFixed(2)} | ${day70.toFixed(2)} |`),
  ].join('\n');
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPES, type EventType, parseEvent, serializeEvent } from '../src/index.js';

// The generator is a plain CommonJS script (it runs before any build); Jest loads it as is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../scripts/generate-validators.js') as {
  OUTPUT_PATH: string;
  generateValidatorSource(documentText?: string): string;
  readContract(): {
    document: {
      components: {
        messages: Record<string, { name: string; examples?: { name: string; payload: unknown }[] }>;
      };
    };
    payloadSchemaByType: Record<string, string>;
  };
};

const eventTypes = Object.keys(EVENT_TYPES) as EventType[];

describe('src/generated/event-validators.js', () => {
  it('is what the generator makes of asyncapi.yaml today (run `npm run generate` after a schema edit)', () => {
    expect(readFileSync(generator.OUTPUT_PATH, 'utf8')).toBe(generator.generateValidatorSource());
  });

  it('exports exactly what its hand-written declaration declares', () => {
    const declared = [
      ...readFileSync(join(__dirname, '../src/generated/event-validators.d.ts'), 'utf8').matchAll(
        /^export const (\w+)/gm,
      ),
    ].map((match) => match[1]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.keys(require('../src/generated/event-validators.js') as object);
    expect(exported.sort()).toEqual(declared.sort());
  });

  it('has a payload validator for every event type of the code, and no other', () => {
    expect(Object.keys(generator.readContract().payloadSchemaByType).sort()).toEqual([...eventTypes].sort());
  });
});

describe('examples in asyncapi.yaml', () => {
  const messages = Object.values(generator.readContract().document.components.messages);

  it.each(eventTypes)('%s: the first example is the code example; every example parses', (type) => {
    const examples = messages.find((message) => message.name === type)?.examples ?? [];
    expect(examples[0]?.payload).toEqual(JSON.parse(serializeEvent(EVENT_TYPES[type].example)));
    for (const example of examples) {
      const result = parseEvent(JSON.stringify(example.payload), type);
      if (!result.ok) throw new Error(`${example.name}: ${result.error.message}`);
    }
  });
});

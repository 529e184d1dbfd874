import { readFileSync } from 'node:fs';
import {
  ASYNCAPI_DOCUMENT_PATH,
  EVENT_TYPES,
  type EventType,
  parseEvent,
  serializeEvent,
  Topics,
} from '../src/index.js';

const eventTypes = Object.keys(EVENT_TYPES) as EventType[];

describe('event examples', () => {
  it.each(eventTypes)('the example of %s parses as that type', (type) => {
    const result = parseEvent(serializeEvent(EVENT_TYPES[type].example), type);
    if (!result.ok) throw new Error(`${result.error.message} ${JSON.stringify(result.error.details)}`);
    expect(result.event.type).toBe(type);
    expect(result.event).toStrictEqual(JSON.parse(serializeEvent(EVENT_TYPES[type].example)));
  });
});

/**
 * A structured text check of asyncapi.yaml (no YAML parser dependency): every channel
 * address is a known topic and every known topic has a channel; every event type is the
 * `name` of a message and the `const` of its envelope type on the channel of its topic.
 */
describe('asyncapi.yaml', () => {
  const text = readFileSync(ASYNCAPI_DOCUMENT_PATH, 'utf8');
  const lines = text.split('\n');

  /** Lines of a top-level (or two-level) block, by indentation. */
  function block(key: string, indent: number, within: string[] = lines): string[] {
    const start = within.findIndex((line) => line === `${' '.repeat(indent)}${key}:`);
    if (start < 0) return [];
    const end = within.findIndex((line, i) => i > start && line.trim() !== '' && line.search(/\S/) <= indent);
    return within.slice(start + 1, end < 0 ? undefined : end);
  }

  it('declares AsyncAPI 3', () => {
    expect(lines[0]).toBe('asyncapi: 3.0.0');
  });

  it('has a channel for every topic and no other', () => {
    const addresses = block('channels', 0)
      .map((line) => /^ {4}address: (\S+)$/.exec(line)?.[1])
      .filter((address): address is string => address !== undefined);
    expect(addresses.sort()).toEqual(Object.values(Topics).sort());
  });

  it.each(eventTypes)('describes %s as a message on its topic', (type) => {
    const messages = block('messages', 2, block('components', 0));
    const entries = messages
      .filter((line) => /^ {4}\S/.test(line))
      .map((line) => line.trim().replace(/:$/, ''));
    const entry = entries.find((name) =>
      block(name, 4, messages).some((line) => line.trim() === `name: ${type}`),
    );
    expect(entry).toBeDefined();
    const messageLines = block(entry!, 4, messages);
    expect(messageLines.some((line) => line.trim() === `const: ${type}`)).toBe(true);

    const channels = block('channels', 0);
    const channelName = channels
      .filter((line) => /^ {2}\S/.test(line))
      .map((line) => line.trim().replace(/:$/, ''))
      .find((name) =>
        block(name, 2, channels).some((line) => line.trim() === `address: ${EVENT_TYPES[type].topic}`),
      );
    expect(channelName).toBeDefined();
    expect(
      block(channelName!, 2, channels).some((line) =>
        line.includes(`$ref: '#/components/messages/${entry}'`),
      ),
    ).toBe(true);
  });

  it('has no message type that the code does not know', () => {
    const consts = [...text.matchAll(/const: (com\.innercircle\.\S+)/g)].map((m) => m[1]);
    expect([...new Set(consts)].sort()).toEqual([...eventTypes].sort());
  });
});

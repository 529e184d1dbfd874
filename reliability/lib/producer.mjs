// A paced producer that survives broker restarts: a failed send is retried (the same
// messages, so possibly twice on the topic: the worker must dedupe by interaction id).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { CompressionTypes, Partitioners } from 'kafkajs';
import { sleep } from './cluster.mjs';

const require = createRequire(import.meta.url);
const { buildInteractionRecordedV1Event, interactionKey, Topics } = require('@inner-circle/contracts');

export function interactionMessage(businessId, { customerRef, interaction }, now = new Date()) {
  const event = buildInteractionRecordedV1Event(
    { businessId, customerRef, interaction },
    { id: randomUUID(), time: now, source: '/reliability' },
  );
  return { key: interactionKey(businessId, customerRef), value: JSON.stringify(event) };
}

/**
 * Sends `messages` at about `perSecond`, in chunks, in order. `progress.sent` counts the
 * messages acknowledged so far; `progress.resends` the chunks sent again after an error;
 * the stream holds while `progress.sent >= progress.allowedUpTo`.
 */
export async function producePaced(cluster, messages, { perSecond, chunk = 250, signal }) {
  const producer = cluster.kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  // `allowedUpTo` lets the caller hold the stream at a point (e.g. until a fault has recovered).
  const progress = { sent: 0, resends: 0, done: false, allowedUpTo: Infinity };
  const run = (async () => {
    let due = Date.now();
    try {
      for (let i = 0; i < messages.length; i += chunk) {
        while (progress.sent >= progress.allowedUpTo) {
          await sleep(50);
          due = Date.now();
        }
        if (due > Date.now()) await sleep(due - Date.now());
        due += (chunk / perSecond) * 1000;
        const slice = messages.slice(i, i + chunk);
        for (;;) {
          if (signal?.aborted) throw new Error('producer aborted');
          try {
            await producer.send({
              topic: Topics.interactions,
              messages: slice,
              acks: -1,
              compression: CompressionTypes.None,
            });
            break;
          } catch {
            progress.resends += 1;
            await sleep(500);
          }
        }
        progress.sent += slice.length;
      }
    } finally {
      progress.done = true;
      await producer.disconnect().catch(() => undefined);
    }
  })();
  return { progress, finished: run };
}

// The worker thread behind GeneratorThread (generatorThread.ts): it generates the same tenant from the same options
// (generation is deterministic and planned in full when the tenant is made), then writes the audit records of each
// hour it is asked for into the shared buffer it is handed.
import { parentPort, workerData } from 'node:worker_threads';
import { generateTenant } from '../tenant/index.ts';
import type { TenantOptions } from '../tenant/model.ts';
import { CONTENT_TYPES } from './contentTypes.ts';
import type { HourReply, HourRequest } from './generatorThread.ts';

const port = parentPort;
if (!port) throw new Error('generatorWorker.ts runs only as a worker thread');

const { seed, users, days, endMs, scenarios, slots } = workerData as Omit<TenantOptions, 'end'> & { endMs: number; slots: SharedArrayBuffer[] };
const activity = generateTenant({ seed, users, days, end: new Date(endMs), scenarios }).activity;
const typeCode = new Map(CONTENT_TYPES.map((type, i) => [type, i]));

port.on('message', ({ h, slot }: HourRequest) => {
  try {
    // Written straight into the slot when it fits; otherwise into a larger buffer for this slot, which both sides
    // keep for later hours.
    const hour = activity.auditRecordsJson!(h, Buffer.from(slots[slot]!));
    const n = hour.count;
    const size = hour.bytes.length;
    const grown = hour.bytes.buffer === slots[slot] ? undefined : new SharedArrayBuffer(Math.ceil(size * 1.25));
    if (grown) {
      slots[slot] = grown;
      hour.bytes.copy(new Uint8Array(grown), 0, 0, size);
    }
    const types = new Uint8Array(n);
    for (let i = 0; i < n; i++) types[i] = typeCode.get(hour.contentTypes[i]!)!;
    const reply: HourReply = {
      h,
      grown,
      size,
      start: hour.start.slice(0, n),
      end: hour.end.slice(0, n),
      times: hour.times.slice(0, n),
      types,
    };
    port.postMessage(reply, [reply.start.buffer, reply.end.buffer, reply.times.buffer, reply.types.buffer]);
  } catch (error) {
    port.postMessage({ h, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});

// Measures the synthetic tenant: creation time, and records per second generated and JSON.stringify'd (the work
// the emulator does per record it serves), for audit records and sign-ins separately.
//
//   node emulator/tenant/measure.ts [--users 10000] [--days 30] [--records 1000000] [--seed measure]
//
// Times are wall-clock and CPU (user+system) of this process; on a busy machine the CPU figure is the steadier one.

import { parseArgs } from 'node:util';
import { generateTenant, parseScenarioList } from './index.ts';
import type { Tenant } from './model.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    days: { type: 'string', default: '30' },
    records: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: 'measure' },
  },
});

const users = Number(values.users);
const days = Number(values.days);
const wanted = Number(values.records);
const end = new Date(Date.UTC(2025, 5, 1));

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function stream(tenant: Tenant, kind: 'auditRecords' | 'signIns', limit: number): void {
  const wall0 = performance.now();
  let records = 0;
  let bytes = 0;
  let hours = 0;
  let genUs = 0;
  let jsonUs = 0;
  // Walk the hours from the start (every hour is generated lazily and serialized once, as a server would).
  for (let h = 0; h < tenant.activity.hourCount && records < limit; h++) {
    const c0 = process.cpuUsage();
    const batch = tenant.activity[kind](h);
    const c1 = process.cpuUsage(c0);
    const c2 = process.cpuUsage();
    for (const r of batch) {
      bytes += JSON.stringify(r).length;
      if (++records >= limit) break;
    }
    const c3 = process.cpuUsage(c2);
    genUs += c1.user + c1.system;
    jsonUs += c3.user + c3.system;
    hours++;
  }
  const wall = performance.now() - wall0;
  const cpuS = (genUs + jsonUs) / 1e6;
  console.log(
    `${kind}: ${records.toLocaleString('en-US')} records from ${hours} hours, ${(bytes / records).toFixed(0)} B avg; ` +
      `generation ${(genUs / records).toFixed(1)} µs + JSON.stringify ${(jsonUs / records).toFixed(1)} µs per record (CPU); ` +
      `${Math.round(records / cpuS).toLocaleString('en-US')} records/s CPU, ${Math.round(records / (wall / 1000)).toLocaleString('en-US')} records/s wall`,
  );
}

const wall0 = performance.now();
const cpu0 = process.cpuUsage();
const tenant = generateTenant({ seed: values.seed, users, days, end, scenarios: parseScenarioList('all') });
console.log(
  `generateTenant(users ${users}, days ${days}, all scenarios): ${(performance.now() - wall0).toFixed(0)} ms wall, ${cpuMs(cpu0).toFixed(0)} ms CPU; ` +
    `${tenant.users.length} accounts, ${tenant.state.mailboxes.length} mailboxes, ${tenant.labels.length} labels, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
);
const h = Math.floor(tenant.activity.hourCount / 2);
const lazy0 = performance.now();
const one = tenant.activity.auditRecords(h).length;
console.log(`one hour on demand (hour ${h}): ${one} audit records in ${(performance.now() - lazy0).toFixed(0)} ms`);
stream(tenant, 'auditRecords', wanted);
stream(tenant, 'signIns', Math.min(wanted, 300_000));
console.log(`heap after: ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);

import { z } from 'zod';
import type { M365Http } from '../m365/http/m365Http.ts';
import { assertSameOrigin } from '../m365/sameOrigin.ts';
import type { TenantEndpoints } from '../net/tenantEndpoints.ts';
import type { Obj } from '../importers/fieldAccess.ts';
import { recordSlices, type RawRecord } from './collectedRecords.ts';
import { GRAPH_SOURCES, type GraphSource } from './collectSources.ts';
import { isoSeconds, type TimeWindow } from './timeWindows.ts';

export interface GraphLogPage {
  items: RawRecord[];
  nextLink: string | null;
}

const Page = z.object({ value: z.array(z.record(z.string(), z.unknown())), '@odata.nextLink': z.string().optional() });

/**
 * The first page of one Graph log over one window, newest first: `$filter` on the log's time property (and,
 * for sign-ins, the event type), `$top=1000` (the most Graph serves, and the fewest requests under the
 * identity reports budget of 5 requests per 10 seconds).
 */
export function firstPageUrl(endpoints: TenantEndpoints, source: GraphSource, window: TimeWindow): string {
  const log = GRAPH_SOURCES[source];
  const clauses = [`${log.timeField} ge ${isoSeconds(window.startMs)}`, `${log.timeField} lt ${isoSeconds(window.endMs)}`];
  if (log.extraFilter) clauses.push(log.extraFilter);
  return `${endpoints.graph}/${log.version}/${log.path}?$filter=${encodeURIComponent(clauses.join(' and '))}&$top=1000`;
}

/**
 * One page of a Graph log with each record's exact bytes (the GraphClient hands back parsed items only).
 * Parsing happens inside the HTTP layer's retry loop: a page cut off in transit is fetched again.
 */
export async function readGraphPage(http: M365Http, endpoints: TenantEndpoints, url: string, signal?: AbortSignal): Promise<GraphLogPage> {
  const target = assertSameOrigin(url, endpoints.graph, 'Graph paging');
  return http.sendParsed({ method: 'GET', url: target, resource: 'graph', idempotent: true, signal }, (response) => {
    const page = Page.parse(JSON.parse(response.text));
    const slices = recordSlices(response.text);
    if (slices.length !== page.value.length) throw new SyntaxError(`a Graph page listed ${page.value.length} records but ${slices.length} could be cut out`);
    const next = page['@odata.nextLink'];
    return {
      items: page.value.map((value, i) => ({ raw: slices[i]!, value: value as Obj })),
      nextLink: next ? assertSameOrigin(next, endpoints.graph, 'Graph paging') : null,
    };
  });
}

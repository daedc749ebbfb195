import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { TenantEndpoints } from '../../net/tenantEndpoints.ts';
import type { M365Http } from '../http/m365Http.ts';
import { assertSameOrigin } from '../sameOrigin.ts';

export interface CmdletCall {
  name: string;
  parameters?: Record<string, unknown>;
}

export interface CmdletPage {
  items: Record<string, unknown>[];
  /** Where the next page is (an opaque service URL), or null at the end. Saving it lets a job resume here. */
  nextLink: string | null;
  warnings: string[];
}

const InvokeCommandResponse = z.object({
  value: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
  '@odata.nextLink': z.string().optional(),
  '@adminapi.warnings': z.array(z.string()).optional(),
});

/** Cmdlets that only read: safe to send again after a dropped connection. */
export function isReadOnlyCmdlet(name: string): boolean {
  return /^(Get|Search|Test)-/i.test(name);
}

/**
 * The Exchange Online admin API (`InvokeCommand`), the REST API behind the ExchangeOnlineManagement
 * module: a cmdlet name and parameters in, PowerShell objects as JSON out, paged by @odata.nextLink
 * (each next page is the same POST sent to that link).
 */
export class ExchangeAdminClient {
  private readonly http: M365Http;
  private readonly endpoints: TenantEndpoints;
  private readonly anchorMailbox: string;
  private readonly connectionId = randomUUID();

  /** `anchorMailbox`: the admin's UPN for delegated sessions; app-only uses the organization's system mailbox. */
  constructor(http: M365Http, endpoints: TenantEndpoints, anchorMailbox: string | null) {
    this.http = http;
    this.endpoints = endpoints;
    this.anchorMailbox = anchorMailbox ? `UPN:${anchorMailbox}` : `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${endpoints.tenantId}`;
  }

  get invokeCommandUrl(): string {
    return `${this.endpoints.exchange}/adminapi/beta/${encodeURIComponent(this.endpoints.tenantId)}/InvokeCommand`;
  }

  /** One page of a cmdlet's output: the first, or the one at `nextLink` (to resume after a crash). */
  async page(call: CmdletCall, options: { nextLink?: string | null; pageSize?: number; signal?: AbortSignal } = {}): Promise<CmdletPage> {
    const url = options.nextLink ? assertSameOrigin(options.nextLink, this.invokeCommandUrl, call.name) : this.invokeCommandUrl;
    const pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 1000));
    return this.http.sendParsed(
      {
        method: 'POST',
        url,
        resource: 'exchange',
        idempotent: isReadOnlyCmdlet(call.name),
        signal: options.signal,
        headers: {
          'content-type': 'application/json',
          'x-cmdletname': call.name,
          prefer: `odata.maxpagesize=${pageSize}`,
          'x-responseformat': 'json',
          'x-anchormailbox': this.anchorMailbox,
          'connection-id': this.connectionId,
          'x-clientapplication': 'Warden',
        },
        body: JSON.stringify({ CmdletInput: { CmdletName: call.name, Parameters: call.parameters ?? {} } }),
      },
      (response) => {
        const parsed = InvokeCommandResponse.parse(JSON.parse(response.text));
        const next = parsed['@odata.nextLink'];
        return {
          items: parsed.value ?? [],
          nextLink: next ? assertSameOrigin(next, this.invokeCommandUrl, call.name) : null,
          warnings: parsed['@adminapi.warnings'] ?? [],
        };
      },
    );
  }

  /** Every page of a cmdlet's output, in order. */
  async *pages(call: CmdletCall, options: { nextLink?: string | null; pageSize?: number; signal?: AbortSignal } = {}): AsyncGenerator<CmdletPage> {
    let nextLink = options.nextLink ?? null;
    do {
      const page = await this.page(call, { ...options, nextLink });
      yield page;
      nextLink = page.nextLink;
    } while (nextLink);
  }

  /** All output objects of a cmdlet (for small outputs; large ones go page by page through a job). */
  async run(call: CmdletCall, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of this.pages(call, { signal })) items.push(...page.items);
    return items;
  }
}

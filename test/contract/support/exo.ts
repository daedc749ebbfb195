import type { Dispatcher } from 'undici';
import type { EmulatorInfo } from '../../../emulator/index.ts';
import { request, type JsonResponse } from './clients.ts';

export interface InvokeResult<T = Record<string, unknown>> {
  status: number;
  value: T[];
  warnings: string[];
  nextLink: string | undefined;
  response: JsonResponse;
}

/** One InvokeCommand POST, as the ExchangeOnlineManagement module sends it (JSON response format). */
export async function invoke<T = Record<string, unknown>>(
  dispatcher: Dispatcher,
  info: EmulatorInfo,
  token: string,
  cmdlet: string,
  parameters: Record<string, unknown> = {},
  options: { pageSize?: number; url?: string } = {},
): Promise<InvokeResult<T>> {
  const response = await request(dispatcher, options.url ?? `${info.exo}/adminapi/beta/${info.tenantId}/InvokeCommand`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-CmdletName': cmdlet,
      'X-ResponseFormat': 'json',
      Prefer: `odata.maxpagesize=${options.pageSize ?? 1000}`,
    },
    body: JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } }),
  });
  const body = (response.body ?? {}) as { value?: T[]; '@adminapi.warnings'?: string[]; '@odata.nextLink'?: string };
  return { status: response.status, value: body.value ?? [], warnings: body['@adminapi.warnings'] ?? [], nextLink: body['@odata.nextLink'], response };
}

/** Runs a cmdlet and follows @odata.nextLink (re-POSTing the same body) to the end. */
export async function invokeAll<T = Record<string, unknown>>(
  dispatcher: Dispatcher,
  info: EmulatorInfo,
  token: string,
  cmdlet: string,
  parameters: Record<string, unknown>,
  pageSize: number,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let url: string | undefined;
  do {
    const page: InvokeResult<T> = await invoke<T>(dispatcher, info, token, cmdlet, parameters, { pageSize, url });
    if (page.status !== 200) throw new Error(`${cmdlet} answered ${page.status}: ${page.response.text.slice(0, 300)}`);
    items.push(...page.value);
    pages += 1;
    url = page.nextLink;
  } while (url);
  return { items, pages };
}

/** `details[0].message` of a module error: `<id>|<exception type>|<message>`. */
export function errorDetail(result: InvokeResult): { id: string; type: string; message: string } {
  const details = (result.response.body as { error?: { details?: Array<{ message: string }> } }).error?.details;
  const [id = '', type = '', ...rest] = (details?.[0]?.message ?? '').split('|');
  return { id, type, message: rest.join('|') };
}

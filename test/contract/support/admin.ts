import type { Dispatcher } from 'undici';
import type { EmulatorInfo } from '../../../emulator/index.ts';
import { request, type JsonResponse } from './clients.ts';

/** POSTs JSON to the emulator's loopback admin API (`/_emulator/...`). */
export async function admin(dispatcher: Dispatcher, info: EmulatorInfo, path: string, body: unknown = {}): Promise<JsonResponse> {
  const response = await request(dispatcher, `${info.admin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`admin ${path} answered ${response.status}: ${response.text}`);
  return response;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  service: string;
  arrivedAt: string;
  status: number;
  retryAfter?: number;
  fault?: string;
  note?: Record<string, string | number | boolean>;
}

export async function requestLog(dispatcher: Dispatcher, info: EmulatorInfo): Promise<LoggedRequest[]> {
  const response = await request(dispatcher, `${info.admin}/requests`);
  return (response.body as { requests: LoggedRequest[] }).requests;
}

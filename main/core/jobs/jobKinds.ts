import { mailboxInventory } from '../inventory/mailboxInventory.ts';
import type { JobKind } from './jobKind.ts';

/** Every kind of job Warden runs. */
export const JOB_KINDS: readonly JobKind<any, any>[] = [mailboxInventory];

import { collectJob } from '../collect/collectJob.ts';
import { auditConfigInventory } from '../inventory/auditConfigInventory.ts';
import { mailboxInventory } from '../inventory/mailboxInventory.ts';
import { roleInventory } from '../inventory/roleInventory.ts';
import { postureInventory } from '../posture/postureInventory.ts';
import type { JobKind } from './jobKind.ts';

/** Every kind of job Warden runs. */
export const JOB_KINDS: readonly JobKind<any, any>[] = [mailboxInventory, roleInventory, auditConfigInventory, collectJob, postureInventory];

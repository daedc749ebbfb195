import { z } from 'zod';

/** The plaintext manifest at the head of a case file (a copy also sits inside the encrypted database). */
export const CaseManifest = z.object({
  format: z.literal('warden-case-v1'),
  createdAt: z.iso.datetime(),
  storeId: z.string(),
  profile: z.string().nullable(),
  kdf: z.object({
    name: z.literal('scrypt'),
    // Bounded so a crafted manifest cannot make `case open` allocate without limit.
    N: z.number().int().min(16_384).max(1_048_576),
    r: z.number().int().min(8).max(16),
    p: z.number().int().min(1).max(4),
    salt: z.string().min(16),
    keyLength: z.literal(32),
  }),
  cipher: z.string(),
  database: z.object({ bytes: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  records: z.object({ total: z.number().int(), audit: z.number().int(), signin: z.number().int(), byFormat: z.record(z.string(), z.number().int()) }),
  chain: z.object({ batches: z.number().int(), headHash: z.string().nullable() }),
});
export type CaseManifest = z.infer<typeof CaseManifest>;

/** File layout: MAGIC, 4-byte big-endian manifest length, manifest JSON, then the encrypted database. */
export const CASE_MAGIC = Buffer.from('WARDEN-CASE-1\n');

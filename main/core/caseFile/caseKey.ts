import { randomBytes, scrypt } from 'node:crypto';

/**
 * The case file key comes from the passphrase through scrypt (node:crypto, no extra dependency):
 * memory-hard, so each guess costs 128 MiB and a GPU farm gains little. N = 2^17, r = 8, p = 1 is
 * the OWASP password-storage recommendation for scrypt; about half a second here.
 */
export const CASE_KDF = { name: 'scrypt' as const, N: 131_072, r: 8, p: 1, keyLength: 32 as const };

export function newSalt(): string {
  return randomBytes(16).toString('base64');
}

export function deriveCaseKey(passphrase: string, params: { N: number; r: number; p: number; salt: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * 1024 * 1024 + 128 * params.N * params.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

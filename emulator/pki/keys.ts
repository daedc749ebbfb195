import { generateKeyPairSync } from 'node:crypto';

export interface RsaKeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** RSA keys come from node:crypto (fast, native); node-forge only assembles and signs the X.509 structures. */
export function generateRsaKeyPair(modulusLength = 2048): RsaKeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

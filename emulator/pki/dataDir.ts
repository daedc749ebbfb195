import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createCertificateAuthority,
  createSelfSignedCertificate,
  isCurrent,
  isServerCertificateFor,
  issueServerCertificate,
  type IssuedCertificate,
} from './certificates.ts';

/** Absolute paths of everything the emulator keeps in its data dir. */
export interface DataDirFiles {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  appCert: string;
  appKey: string;
  signingCert: string;
  signingKey: string;
}

export interface PkiMaterial {
  files: DataDirFiles;
  ca: IssuedCertificate;
  server: IssuedCertificate;
  /** The automation app's credential (app-only certificate auth). */
  app: IssuedCertificate;
  /** The key the emulator's STS signs tokens with; its certificate is published in the JWKS. */
  signing: IssuedCertificate;
}

export function dataDirFiles(dir: string): DataDirFiles {
  const abs = path.resolve(dir);
  const at = (name: string) => path.join(abs, name);
  return {
    dir: abs,
    caCert: at('ca.pem'),
    caKey: at('ca-key.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server-key.pem'),
    appCert: at('app-cert.pem'),
    appKey: at('app-key.pem'),
    signingCert: at('token-signing.pem'),
    signingKey: at('token-signing-key.pem'),
  };
}

function writeAtomically(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, file);
}

function readPair(certFile: string, keyFile: string): IssuedCertificate | undefined {
  if (!existsSync(certFile) || !existsSync(keyFile)) return undefined;
  return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
}

function writePair(certFile: string, keyFile: string, pair: IssuedCertificate): void {
  writeAtomically(keyFile, pair.keyPem, 0o600);
  writeAtomically(certFile, pair.certPem, 0o644);
}

function loadOrCreate(certFile: string, keyFile: string, create: () => IssuedCertificate, usable: (p: IssuedCertificate) => boolean): IssuedCertificate {
  const existing = readPair(certFile, keyFile);
  if (existing && safe(() => usable(existing))) return existing;
  const created = create();
  writePair(certFile, keyFile, created);
  return created;
}

function safe(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

/**
 * Several emulators (parallel test files, a CLI next to a test run) may share one data dir; the first creates the
 * CA and certificates and the others must reuse exactly those. A directory lock (mkdir is atomic) serialises creation.
 */
function withLock<T>(dir: string, work: () => T): T {
  const lock = path.join(dir, '.pki.lock');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than 60 s belongs to a process that died while creating keys.
      if (safe(() => Date.now() - statSync(lock).mtimeMs > 60_000)) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Emulator data dir ${dir} stays locked by ${lock}; remove it if no emulator is starting.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Loads the CA, server, app and signing certificates from `dir`, creating (once) whatever is missing or stale. */
export function loadOrCreatePki(dir: string): PkiMaterial {
  const files = dataDirFiles(dir);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  return withLock(files.dir, () => {
    const ca = loadOrCreate(
      files.caCert,
      files.caKey,
      () => createCertificateAuthority(),
      (p) => isCurrent(p.certPem, 30),
    );
    const server = loadOrCreate(
      files.serverCert,
      files.serverKey,
      () => issueServerCertificate(ca),
      (p) => isCurrent(p.certPem, 7) && isServerCertificateFor(p.certPem, ca.certPem),
    );
    const app = loadOrCreate(
      files.appCert,
      files.appKey,
      () => createSelfSignedCertificate('Warden automation (emulator)'),
      (p) => isCurrent(p.certPem, 7),
    );
    const signing = loadOrCreate(
      files.signingCert,
      files.signingKey,
      () => createSelfSignedCertificate('Warden emulator token signing'),
      (p) => isCurrent(p.certPem, 7),
    );
    return { files, ca, server, app, signing };
  });
}

/**
 * Writes a tenant's ground truth to `<dataDir>/tenants/<key>/labels.jsonl` and returns the path. Each tenant
 * (seed and options) has its own folder, so emulators with different tenants can share a data dir.
 */
export function writeLabels(files: DataDirFiles, tenantKey: string, lines: string[]): string {
  const dir = path.join(files.dir, 'tenants', tenantKey);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'labels.jsonl');
  writeAtomically(file, lines.length ? `${lines.join('\n')}\n` : '', 0o644);
  return file;
}

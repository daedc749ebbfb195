import { randomBytes } from 'node:crypto';

/** One browser sign-in in progress: the validated /authorize request and how far the user got. */
export interface SignInFlow {
  id: string;
  tenantSegment: string;
  clientId: string;
  clientName: string;
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  loginHint: string;
  stage: 'credentials' | 'mfa';
  userId?: string;
  mfaFailures: number;
  createdAt: number;
}

const FLOW_LIFETIME_MS = 15 * 60_000;

/** Flows are kept server side; the page carries only the opaque flow id in a hidden field. */
export class SignInFlows {
  private readonly flows = new Map<string, SignInFlow>();

  start(flow: Omit<SignInFlow, 'id' | 'stage' | 'mfaFailures' | 'createdAt'>, now = Date.now()): SignInFlow {
    for (const [id, f] of this.flows) if (f.createdAt + FLOW_LIFETIME_MS < now) this.flows.delete(id);
    const created: SignInFlow = { ...flow, id: randomBytes(24).toString('base64url'), stage: 'credentials', mfaFailures: 0, createdAt: now };
    this.flows.set(created.id, created);
    return created;
  }

  /** The live flow, or undefined when unknown or older than 15 minutes (AADSTS50089, flow token expired). */
  get(id: string, now = Date.now()): SignInFlow | undefined {
    const flow = this.flows.get(id);
    if (!flow || flow.createdAt + FLOW_LIFETIME_MS < now) return undefined;
    return flow;
  }

  end(id: string): void {
    this.flows.delete(id);
  }
}

/** Entra's smart lockout, simplified: 10 wrong passwords lock the account for a minute (AADSTS50053). */
export class PasswordLockout {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  isLocked(userId: string, now = Date.now()): boolean {
    return (this.failures.get(userId)?.lockedUntil ?? 0) > now;
  }

  fail(userId: string, now = Date.now()): void {
    const entry = this.failures.get(userId) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= 10) {
      entry.lockedUntil = now + 60_000;
      entry.count = 0;
    }
    this.failures.set(userId, entry);
  }

  succeed(userId: string): void {
    this.failures.delete(userId);
  }
}

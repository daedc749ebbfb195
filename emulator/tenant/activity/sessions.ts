// What one ordinary working session leaves behind: the sign-ins (interactive with its usual hiccups, or silent
// token refreshes), the STS logon records, and the mailbox audit records of reading, sending and deleting mail.
// Used both by the lazy hourly generator and by planned benign activity (trips).

import { APPS, LEGACY_CLIENT_APPS, USER_AGENTS, type FirstPartyApp } from '../apps.ts';
import { MFA_DETAILS, OUTCOMES, type SignInOutcome } from '../errors.ts';
import type { AuditRecord, Device, DirectoryAudit, SignIn, User } from '../model.ts';
import { guidFrom, Rng, tokenFrom } from '../prng.ts';
import { isoTicks } from '../time.ts';
import { MailboxJson, stsLogonJson } from './auditJson.ts';
import { buildMailItemsAccessed, buildMoveToDeleted, buildSend, type MailboxAccess } from './auditRecords.ts';
import type { ActivityContext } from './context.ts';
import type { JsonOut } from './jsonOut.ts';
import { DELETED, FOLDERS, INBOX, SENT, type MessageRef } from './mailItems.ts';
import type { Whereabouts } from './places.ts';
import { buildSignIn, buildStsLogon, type MfaStep, type SignInSpec } from './signIns.ts';

export interface Sink {
  /**
   * Which record kinds the consumer keeps. Builders are skipped for unwanted kinds, but every random draw still
   * happens, so the sign-ins and the audit records of one hour always describe the same events.
   */
  readonly wantSignIns: boolean;
  readonly wantAudit: boolean;
  signIn(ms: number, record: SignIn): void;
  audit(ms: number, record: AuditRecord): void;
  /**
   * When present, the ambient record kinds are written into it as JSON (auditJson.ts: the bytes JSON.stringify
   * gives for the object the builder would make) instead of being built and handed to audit(). The feed only
   * serializes records, so it takes them this way; other kinds still come through audit().
   */
  readonly auditJson?: JsonOut;
  directory(ms: number, record: DirectoryAudit): void;
}

export type SessionKind = 'outlook' | 'browser' | 'teams' | 'onedrive' | 'outlookMobile' | 'teamsMobile' | 'activeSync' | 'adminPortal' | 'exoPowerShell';


export interface SignInOptions {
  app: FirstPartyApp | { appId: string; displayName: string; resource: { id: string; displayName: string }; clientAppUsed: string };
  clientAppUsed?: string;
  interactive: boolean;
  outcome?: SignInOutcome;
  mfa?: MfaStep;
  additionalDetails?: string | null;
  legacy?: boolean;
  protocol?: SignInSpec['protocol'];
  originalTransferMethod?: SignInSpec['originalTransferMethod'];
  incomingTokenType?: SignInSpec['incomingTokenType'];
  correlationId?: string;
  sessionId: string;
  risk?: SignInSpec['risk'];
  userAgent?: string;
}

/** Builds one sign-in (and, for interactive or legacy ones, its STS logon record) and hands both to the sink. */
export function emitSignIn(ctx: ActivityContext, sink: Sink, rng: Rng, user: User, device: Device, where: Whereabouts, ms: number, o: SignInOptions): { signIn: SignIn | null; sts: AuditRecord | null } {
  // Exactly three draws per sign-in whatever is built; ids and tokens are derived from them only when needed.
  const e0 = rng.u32();
  const e1 = rng.u32();
  const e2 = rng.u32();
  const hasSts = o.interactive || (o.legacy ?? false);
  if (!sink.wantSignIns && !(hasSts && sink.wantAudit)) return { signIn: null, sts: null };
  const outcome = o.outcome ?? OUTCOMES.success;
  const spec: SignInSpec = {
    id: guidFrom(e0, e1, 1),
    correlationId: o.correlationId ?? guidFrom(e1, e2, 2),
    sessionId: o.sessionId,
    uniqueTokenIdentifier: tokenFrom(e0, e1, e2),
    ms,
    user,
    app: o.app,
    clientAppUsed: o.clientAppUsed ?? o.app.clientAppUsed,
    ip: where.ip,
    place: where.place,
    trusted: where.trusted,
    device,
    interactive: o.interactive,
    outcome,
    additionalDetails: o.additionalDetails !== undefined ? o.additionalDetails : outcome.errorCode === 0 && o.mfa === 'claim' ? MFA_DETAILS.satisfiedByClaim : outcome.errorCode === 0 && (o.mfa === 'push' || o.mfa === 'otp') ? MFA_DETAILS.completed : null,
    mfa: o.mfa ?? 'none',
    legacy: o.legacy ?? false,
    protocol: o.protocol ?? 'none',
    originalTransferMethod: o.originalTransferMethod ?? 'none',
    incomingTokenType: o.incomingTokenType ?? (o.interactive ? 'none' : 'refreshToken'),
    ticks: e2 % 10000,
    processingMs: 20 + (e1 % 280),
  };
  if (o.risk) spec.risk = o.risk;
  if (o.userAgent) spec.userAgent = o.userAgent;
  const signIn = sink.wantSignIns ? buildSignIn(ctx, spec) : null;
  if (signIn) sink.signIn(ms, signIn);
  let sts: AuditRecord | null = null;
  if (hasSts && sink.wantAudit) {
    if (sink.auditJson) stsLogonJson(sink.auditJson, ctx, spec, guidFrom(e2, e0, 3));
    else {
      sts = buildStsLogon(ctx, spec, guidFrom(e2, e0, 3));
      sink.audit(ms, sts);
    }
  }
  return { signIn, sts };
}

function access(ctx: ActivityContext, rng: Rng, user: User, where: Whereabouts, ms: number, clientInfo: string, appId: string, aadSessionId: string): MailboxAccess {
  return {
    ms,
    owner: user,
    actor: user,
    ip: where.ip,
    clientInfoString: clientInfo,
    appId,
    clientAppId: '',
    aadSessionId,
    uniqueTokenId: '',
    sessionId: guidFrom(rng.u32(), rng.u32(), 11),
    server: ctx.exchangeServers[(user.puid.charCodeAt(5) + user.puid.charCodeAt(9)) % ctx.exchangeServers.length]!,
    logonType: 0,
    // One token per session: every record of the session shares this object (records are read-only).
    appAccessContext: { AADSessionId: aadSessionId, ClientAppId: appId, IssuedAtTime: isoTicks(Math.floor((ms - 600_000) / 1000) * 1000, 0), UniqueTokenId: tokenFrom(rng.u32(), rng.u32(), rng.u32()) },
  };
}

/**
 * The mailbox side of a session. It draws from its own child stream, so a caller that does not want audit
 * records skips it entirely (one draw for the child's seed) without changing anything drawn afterwards.
 */
function mailSession(ctx: ActivityContext, sink: Sink, rng: Rng, user: User, where: Whereabouts, ms: number, clientInfo: string, appId: string, aadSessionId: string, endMs: number, sync: boolean): void {
  const seed = rng.forkSeed();
  if (!sink.wantAudit || !user.mailboxGuid) return;
  const child = new Rng(seed);
  mailWork(ctx, sink, child, access(ctx, child, user, where, ms, clientInfo, appId, aadSessionId), endMs, sync);
}

const NO_ITEMS: MessageRef[] = [];

/** Reading, sending and tidying mail: MailItemsAccessed, Send, MoveToDeletedItems/SoftDelete. */
function mailWork(ctx: ActivityContext, sink: Sink, rng: Rng, a: MailboxAccess, endMs: number, sync: boolean): void {
  const user = a.owner;
  const mail = ctx.mail;
  const inbox = mail.folderId(user, INBOX);
  let t = a.ms + 1000 + rng.int(20_000);
  // The access description is reused for each record (builders copy what they need).
  const want = sink.wantAudit;
  const json = want && sink.auditJson ? new MailboxJson(sink.auditJson, ctx, a) : null;
  if (sync && t < endMs) {
    a.ms = t;
    const id = guidFrom(rng.u32(), rng.u32(), 7);
    if (json) json.mailItemsAccessed(id, 'Sync', inbox, FOLDERS[INBOX], NO_ITEMS, 1, false);
    else if (want) sink.audit(t, buildMailItemsAccessed(ctx, a, id, 'Sync', inbox, FOLDERS[INBOX], NO_ITEMS, 1, false));
  }
  const binds = rng.int(3);
  for (let i = 0; i < binds; i++) {
    t += 30_000 + rng.int(300_000);
    if (t >= endMs) return;
    const n = 1 + rng.int(3);
    const items = [];
    for (let k = 0; k < n; k++) items.push(mail.message(rng));
    a.ms = t;
    const id = guidFrom(rng.u32(), rng.u32(), 7);
    if (json) json.mailItemsAccessed(id, 'Bind', inbox, FOLDERS[INBOX], items, n, false);
    else if (want) sink.audit(t, buildMailItemsAccessed(ctx, a, id, 'Bind', inbox, FOLDERS[INBOX], items, n, false));
  }
  if (rng.chance(0.3)) {
    t += 60_000 + rng.int(300_000);
    if (t >= endMs) return;
    a.ms = t;
    const id = guidFrom(rng.u32(), rng.u32(), 7);
    const m = mail.message(rng);
    if (json) json.send(id, m, mail.folderId(user, SENT));
    else if (want) sink.audit(t, buildSend(ctx, a, id, m, mail.folderId(user, SENT)));
  }
  if (rng.chance(0.25)) {
    t += 20_000 + rng.int(200_000);
    if (t >= endMs) return;
    a.ms = t;
    const op = rng.chance(0.85) ? 'MoveToDeletedItems' : 'SoftDelete';
    const id = guidFrom(rng.u32(), rng.u32(), 7);
    const m = mail.message(rng);
    if (json) json.moveToDeleted(id, op, m, inbox, FOLDERS[INBOX], mail.folderId(user, DELETED));
    else if (want) sink.audit(t, buildMoveToDeleted(ctx, a, id, op, m, inbox, FOLDERS[INBOX], mail.folderId(user, DELETED)));
  }
}

/**
 * An interactive browser sign-in with the failures people really have: a mistyped password, the MFA prompt that
 * interrupts the first attempt, an unanswered push, the 'stay signed in?' interrupt. Returns the time of the
 * final, successful sign-in (or null when the session ends in failure).
 */
function interactiveSignIn(ctx: ActivityContext, sink: Sink, rng: Rng, user: User, device: Device, where: Whereabouts, ms: number, endMs: number, app: FirstPartyApp, sessionId: string): number | null {
  const r = rng.next();
  const correlationId = rng.guid();
  const base = { app, interactive: true, sessionId, correlationId } as const;
  let t = ms;
  const retry = (delay: number): boolean => {
    t += delay;
    return t < endMs;
  };
  if (!user.mfaRequired) {
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, mfa: 'none' });
    return t;
  }
  if (r < 0.015) {
    // Mistyped password, then right.
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, outcome: OUTCOMES.badPassword, mfa: 'none' });
    if (!retry(15_000 + rng.int(60_000))) return null;
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, mfa: 'push' });
    return t;
  }
  if (r < 0.035) {
    // The MFA interrupt that precedes a completed MFA.
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, outcome: OUTCOMES.mfaInterrupt, mfa: 'interrupt' });
    if (!retry(10_000 + rng.int(30_000))) return null;
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, mfa: rng.chance(0.8) ? 'push' : 'otp' });
    return t;
  }
  if (r < 0.04) {
    // Phone was elsewhere: one unanswered push, then approved.
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, outcome: OUTCOMES.mfaFailed, mfa: 'noResponse', additionalDetails: MFA_DETAILS.noResponse });
    if (!retry(60_000 + rng.int(120_000))) return null;
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, mfa: 'push' });
    return t;
  }
  if (r < 0.046) {
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, outcome: OUTCOMES.kmsiInterrupt, mfa: 'claim' });
    if (!retry(3_000 + rng.int(10_000))) return null;
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, mfa: 'claim' });
    return t;
  }
  if (r < 0.048) {
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, outcome: OUTCOMES.silentFailed, mfa: 'none' });
    return null;
  }
  if (r < 0.049) {
    // Expired password: changed it, then signed in.
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, outcome: OUTCOMES.passwordExpired, mfa: 'none' });
    if (!retry(90_000 + rng.int(120_000))) return null;
    emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, mfa: 'push' });
    return t;
  }
  emitSignIn(ctx, sink, rng, user, device, where, t, { ...base, mfa: rng.chance(0.75) ? 'claim' : 'push' });
  return t;
}

const activeSyncInfos = new WeakMap<Device, string>();

function activeSyncInfo(device: Device): string {
  let v = activeSyncInfos.get(device);
  if (v === undefined) {
    v = `Client=ActiveSync;UserAgent=${device.userAgent};Action=/Microsoft-Server-ActiveSync/default.eas?Cmd=Sync`;
    activeSyncInfos.set(device, v);
  }
  return v;
}

export function runSession(ctx: ActivityContext, sink: Sink, rng: Rng, user: User, kind: SessionKind, device: Device, where: Whereabouts, ms: number, endMs: number, sessionId: string): void {
  const windows = device.operatingSystem.startsWith('Windows');
  const prt = windows && device.deviceId !== '' ? 'primaryRefreshToken' : 'refreshToken';
  const desktopAgent = windows ? USER_AGENTS.wam : device.userAgent;
  switch (kind) {
    case 'outlook': {
      emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.office, interactive: false, mfa: 'claim', sessionId, incomingTokenType: prt, additionalDetails: null, userAgent: windows ? USER_AGENTS.outlookDesktop : USER_AGENTS.macOutlook });
      mailSession(ctx, sink, rng, user, where, ms, 'Client=MSExchangeRPC', APPS.office.appId, sessionId, endMs, true);
      return;
    }
    case 'browser': {
      const app = rng.chance(0.5) ? APPS.officeHome : APPS.outlookWeb;
      const t = interactiveSignIn(ctx, sink, rng, user, device, where, ms, endMs, app, sessionId);
      if (t === null) return;
      const follow = t + 2000 + rng.int(8000);
      if (follow < endMs) emitSignIn(ctx, sink, rng, user, device, where, follow, { app: APPS.shellClient, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
      if (app === APPS.outlookWeb) mailSession(ctx, sink, rng, user, where, t, 'Client=OWA;Action=ViaProxy', APPS.outlookWeb.appId, sessionId, endMs, false);
      return;
    }
    case 'teams':
      emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.teams, interactive: false, mfa: 'claim', sessionId, incomingTokenType: prt, additionalDetails: null, userAgent: desktopAgent });
      return;
    case 'onedrive':
      emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.oneDriveSync, interactive: false, mfa: 'claim', sessionId, incomingTokenType: prt, additionalDetails: null, userAgent: desktopAgent });
      return;
    case 'outlookMobile':
      // Now and then the phone's token no longer carries MFA (new location, expired claim): the silent refresh is
      // refused with 50076 and the app prompts, the user approves the push.
      if (user.mfaRequired && rng.chance(0.01)) {
        emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.outlookMobile, interactive: false, outcome: OUTCOMES.mfaRequired, mfa: 'interrupt', sessionId, additionalDetails: null });
        ms += 20_000 + rng.int(60_000);
        if (ms >= endMs) return;
        emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.outlookMobile, interactive: true, mfa: 'push', sessionId });
      }
      emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.outlookMobile, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
      mailSession(ctx, sink, rng, user, where, ms, 'Client=REST;Client=RESTSystem;;', APPS.outlookMobile.appId, sessionId, endMs, false);
      return;
    case 'teamsMobile':
      emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.teamsMobile, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
      return;
    case 'activeSync': {
      emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.exchangeOnline, clientAppUsed: LEGACY_CLIENT_APPS.activeSync, interactive: false, legacy: true, mfa: 'none', sessionId, additionalDetails: null });
      mailSession(ctx, sink, rng, user, where, ms, activeSyncInfo(device), '', sessionId, endMs, true);
      return;
    }
    case 'adminPortal': {
      const app = rng.pick([APPS.azurePortal, APPS.exchangeAdminCenter, APPS.m365AdminPortal]);
      interactiveSignIn(ctx, sink, rng, user, device, where, ms, endMs, app, sessionId);
      return;
    }
    case 'exoPowerShell':
      emitSignIn(ctx, sink, rng, user, device, where, ms, { app: APPS.exoPowerShell, interactive: true, mfa: rng.chance(0.5) ? 'claim' : 'push', sessionId, userAgent: USER_AGENTS.powershell });
      return;
  }
}

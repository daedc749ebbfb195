import { createHash } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { Directory } from './entra/directory.ts';
import { entraReplies, registerEntra } from './entra/routes.ts';
import { TokenFactory } from './entra/tokenFactory.ts';
import { TokenSigner } from './entra/signer.ts';
import { exoReplies } from './exo/errors.ts';
import { registerExo } from './exo/routes.ts';
import { graphReplies } from './graph/errors.ts';
import { registerGraph } from './graph/routes.ts';
import { createEmulatorLogger } from './log.ts';
import { manageReplies } from './manage/errors.ts';
import { GeneratorThread } from './manage/generatorThread.ts';
import { registerManage } from './manage/routes.ts';
import { resolveOptions, type EmulatorOptions } from './options.ts';
import { loadOrCreatePki, writeLabels } from './pki/dataDir.ts';
import { spkiSha256Of, thumbprintsOf } from './pki/thumbprint.ts';
import { registerAdmin } from './server/admin.ts';
import { watchProcess } from './server/processStats.ts';
import { FaultPlan } from './server/faults.ts';
import { startHttpsServer } from './server/https.ts';
import { RequestLog } from './server/requestLog.ts';
import { Router } from './server/router.ts';
import { Throttles } from './server/throttles.ts';
import { AdminAuditRecorder } from './state/adminAuditRecorder.ts';
import { AuditRecordSource } from './state/auditRecordSource.ts';
import { IngestionClock } from './state/ingestionClock.ts';
import { OverlayAuditLog } from './state/overlayAuditLog.ts';
import type { Tenant } from './tenant/model.ts';

export type { EmulatorOptions } from './options.ts';

/** One of the first five accounts, as the ready line prints them. */
export interface ReadyUser {
  upn: string;
  password: string;
  totpSecret: string;
  /** Entra directory roles, then Exchange role groups. */
  roles: string[];
}

/** The ready line: everything a client needs to talk to this emulator. */
export interface EmulatorInfo {
  ready: true;
  /** `https://127.0.0.1:PORT/TENANT_ID`: the msal authority (add `127.0.0.1:PORT` to knownAuthorities). */
  authority: string;
  tenantId: string;
  domain: string;
  /** Graph base URL: append `/v1.0/...` or `/beta/...`. */
  graph: string;
  /** Exchange base URL: append `/adminapi/beta/{tenant}/InvokeCommand`. */
  exo: string;
  /** Management Activity API base URL: append `/api/v1.0/{tenant}/activity/feed/...`. */
  manage: string;
  /** The loopback-only admin API. */
  admin: string;
  caCert: string;
  /** base64 SHA-256 of the server certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  serverSpkiSha256: string;
  publicClientId: string;
  app: { clientId: string; certPem: string; keyPem: string; thumbprint: string; thumbprintSha256: string };
  users: ReadyUser[];
  labels: string;
  port: number;
}

export interface RunningEmulator {
  info: EmulatorInfo;
  /** The generated tenant (its state changes as write cmdlets run). */
  tenant: Tenant;
  stop(): Promise<void>;
}

/** Starts the emulator in this process; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  // The generator is loaded only when needed: a caller that brings its own tenant does not pay for it.
  const generator = options.tenant && typeof options.scenarios !== 'string' ? undefined : await import('./tenant/index.ts');
  const opts = resolveOptions(options, (spec) => (generator ? generator.parseScenarioList(spec) : []));
  const log = createEmulatorLogger(opts.logLevel);
  const started = performance.now();
  const tenant =
    options.tenant ??
    (generator ?? (await import('./tenant/index.ts'))).generateTenant({
      seed: opts.seed,
      users: opts.users,
      days: opts.days,
      end: opts.end,
      scenarios: opts.scenarios,
    });
  const generatedMs = performance.now() - started;
  const pki = loadOrCreatePki(opts.dataDir);
  const appThumbprints = thumbprintsOf(pki.app.certPem);
  const directory = new Directory(tenant, pki.app.certPem);
  const signer = new TokenSigner(pki.signing);
  const clock = new IngestionClock(opts.ingestionDelaySeconds);
  const overlay = new OverlayAuditLog();
  const ctx: EmulatorContext = {
    tenant,
    seed: tenant.options.seed,
    log,
    directory,
    signer,
    tokens: new TokenFactory(signer, directory, {
      accessTokenSeconds: opts.tokenLifetimeSeconds,
      refreshTokenInactiveSeconds: opts.refreshTokenInactiveSeconds,
      authorizationCodeSeconds: 600,
    }),
    clock,
    overlay,
    audit: new AuditRecordSource(tenant, overlay, clock),
    recorder: new AdminAuditRecorder(tenant, overlay, clock, tenant.options.seed),
    faults: new FaultPlan(tenant.options.seed, opts.faults),
    requestLog: new RequestLog(),
    throttles: new Throttles(),
    origin: '',
    port: 0,
  };
  const router = new Router();
  registerEntra(router, ctx);
  registerGraph(router, ctx);
  const exo = registerExo(router, ctx);
  // Only for a tenant generated here: the thread generates its own copy from the same options.
  const thread =
    opts.generatorThread && !options.tenant
      ? new GeneratorThread(tenant.options, {
          onFailure: (error) => log.warn('the history generator thread failed; generating on the serving thread from now on', { error: error.message }),
        })
      : undefined;
  const feed = registerManage(router, ctx, thread);
  const processWatch = watchProcess();
  registerAdmin(router, ctx, exo, feed, processWatch.read);
  const server = await startHttpsServer({
    host: opts.host,
    port: opts.port,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    router,
    faults: ctx.faults,
    requestLog: ctx.requestLog,
    replies: { entra: entraReplies, graph: graphReplies, exo: exoReplies, manage: manageReplies },
    log,
  });
  ctx.port = server.port;
  ctx.origin = `https://${opts.host}:${server.port}`;
  const labelsFile = writeLabels(
    pki.files,
    tenantKey(tenant),
    tenant.labels.map((l) => JSON.stringify(l)),
  );
  const tid = tenant.info.tenantId;
  const info: EmulatorInfo = {
    ready: true,
    authority: `${ctx.origin}/${tid}`,
    tenantId: tid,
    domain: tenant.info.domain,
    graph: `${ctx.origin}/graph`,
    exo: `${ctx.origin}/exo`,
    manage: `${ctx.origin}/manage`,
    admin: `${ctx.origin}/_emulator`,
    caCert: pki.files.caCert,
    serverSpkiSha256: spkiSha256Of(pki.server.certPem),
    publicClientId: tenant.info.publicClientId,
    app: {
      clientId: tenant.info.automationApp.clientId,
      certPem: pki.files.appCert,
      keyPem: pki.files.appKey,
      thumbprint: appThumbprints.sha1Hex,
      thumbprintSha256: appThumbprints.sha256Hex,
    },
    users: tenant.users
      .slice(0, 5)
      .map((u) => ({ upn: u.userPrincipalName, password: u.password, totpSecret: u.totpSecret, roles: [...u.directoryRoles, ...u.roleGroups] })),
    labels: labelsFile,
    port: server.port,
  };
  log.info('emulator listening', {
    origin: ctx.origin,
    tenantId: tid,
    users: tenant.users.length,
    days: tenant.options.days,
    scenarios: tenant.options.scenarios.length,
    generateMs: Math.round(generatedMs),
    startMs: Math.round(performance.now() - started),
  });
  let stopped = false;
  return {
    info,
    tenant,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      processWatch.stop();
      await server.close();
      await thread?.close();
      log.info('emulator stopped', { origin: ctx.origin });
    },
  };
}

/** A folder name per tenant: its id and a digest of the options it was generated from. */
function tenantKey(tenant: Tenant): string {
  const o = tenant.options;
  const digest = createHash('sha256')
    .update(JSON.stringify([o.seed, o.users, o.days, o.end.toISOString(), o.scenarios]))
    .digest('hex')
    .slice(0, 12);
  return `${tenant.info.tenantId}-${digest}`;
}

import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import type { ExoState } from '../exo/invokeCommand.ts';
import type { ActivityFeed } from '../manage/feed.ts';
import { registeredCertificate } from '../entra/directory.ts';
import { resourceFor, RESOURCES } from '../entra/resources.ts';
import { createSelfSignedCertificate } from '../pki/certificates.ts';
import { thumbprintsOf } from '../pki/thumbprint.ts';
import { FAULT_KINDS, parseFaultSpec } from './faultSpec.ts';
import type { ProcessStats } from './processStats.ts';
import type { Router } from './router.ts';
import type { EmulatorRequest, Reply } from './types.ts';

const SERVICES = ['entra', 'graph', 'exo', 'manage'] as const;

const FaultRuleSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  match: z
    .strictObject({
      service: z.enum(SERVICES).optional(),
      method: z.string().optional(),
      path: z.string().min(1).optional(),
      cmdlet: z.string().min(1).optional(),
    })
    .optional(),
  rate: z.number().min(0).max(1).optional(),
  skip: z.number().int().min(0).optional(),
  count: z.number().int().min(1).nullable().optional(),
  retryAfterSeconds: z.number().min(0).max(3600).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});

const FaultsSchema = z.strictObject({
  /** `--faults` syntax, or an object of rates. */
  rates: z.union([z.string(), z.partialRecord(z.enum(FAULT_KINDS), z.number().min(0).max(1))]).optional(),
  rules: z.array(FaultRuleSchema).optional(),
  /** Add the rules to the current ones instead of replacing them. */
  append: z.boolean().optional(),
});

const BudgetSchema = z.strictObject({ requests: z.number().int().min(1), windowSeconds: z.number().min(0.1) }).nullable();
const ThrottlingSchema = z.strictObject({ graphIdentityReports: BudgetSchema.optional(), manage: BudgetSchema.optional() });
const ClockSchema = z.strictObject({ advanceSeconds: z.number().min(0).optional(), ingestionDelaySeconds: z.number().min(0).optional() });
const RevokeSchema = z.strictObject({ upn: z.string().min(1).optional() });
const ShortSessionSchema = z.strictObject({ missing: z.number().int().min(1), count: z.number().int().min(1).default(1) });
const UpnSchema = z.strictObject({ upn: z.string().min(1) });
const ConsentSchema = z.strictObject({ resource: z.string().min(1), scopes: z.array(z.string().min(1)).optional(), granted: z.boolean() });
const CertificateSchema = z.strictObject({ expired: z.boolean().default(false) });
const FeedSchema = z.strictObject({ listPageSize: z.number().int().min(1).max(10_000) });
const TokensSchema = z.strictObject({
  accessTokenSeconds: z.number().int().min(1).optional(),
  refreshTokenInactiveSeconds: z.number().int().min(1).optional(),
  authorizationCodeSeconds: z.number().int().min(1).optional(),
});

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: body as object };
}

function parseBody<T>(req: EmulatorRequest, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; reply: Reply } {
  // A JSON content type forces a CORS preflight, which the emulator never answers: a web page cannot drive the admin API.
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return { ok: false, reply: json(415, { error: 'unsupported_media_type', message: 'Send the body as application/json.' }) };
  }
  let raw: unknown = {};
  if (req.body.length) {
    try {
      raw = JSON.parse(req.body.toString('utf8'));
    } catch (error) {
      return {
        ok: false,
        reply: json(400, { error: 'invalid_json', message: `The body is not JSON: ${error instanceof Error ? error.message : String(error)}` }),
      };
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    return { ok: false, reply: json(400, { error: 'invalid_request', message: issues.join('; ') }) };
  }
  return { ok: true, value: parsed.data };
}

/**
 * The loopback-only admin API (`/_emulator/...`, documented in emulator/README.md): faults, the request log,
 * throttling budgets, the ingestion clock, refresh-token revocation, short audit search sessions, token lifetimes.
 */
export function registerAdmin(router: Router, ctx: EmulatorContext, exo: ExoState, feed: ActivityFeed, processStats: () => ProcessStats): void {
  const summary = () => ({
    faults: ctx.faults.describe(),
    throttling: ctx.throttles.budgets,
    clock: ctx.clock.describe(),
    searchSessions: exo.sessions.describe(),
    tokens: ctx.tokens.lifetimes,
    feed: { listPageSize: feed.listPageSize },
  });
  router
    .add('GET', '/_emulator', 'admin', () => json(200, summary()))
    .add('GET', '/_emulator/process', 'admin', () => json(200, processStats()))
    .add('GET', '/_emulator/requests', 'admin', (req) => {
      const since = Number(req.url.searchParams.get('since') ?? '0');
      return json(200, { requests: ctx.requestLog.since(Number.isFinite(since) ? since : 0).filter((e) => e.service !== 'admin') });
    })
    .add('DELETE', '/_emulator/requests', 'admin', () => {
      ctx.requestLog.clear();
      return json(200, { cleared: true });
    })
    .add('GET', '/_emulator/faults', 'admin', () => json(200, ctx.faults.describe()))
    .add('DELETE', '/_emulator/faults', 'admin', () => {
      ctx.faults.clear();
      return json(200, ctx.faults.describe());
    })
    .add('POST', '/_emulator/faults', 'admin', (req) => {
      const body = parseBody(req, FaultsSchema);
      if (!body.ok) return body.reply;
      const { rates, rules, append } = body.value;
      if (rates !== undefined) {
        try {
          ctx.faults.setRates(typeof rates === 'string' ? parseFaultSpec(rates) : rates);
        } catch (error) {
          return json(400, { error: 'invalid_request', message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (rules) {
        if (append) ctx.faults.addRules(rules);
        else ctx.faults.setRules(rules);
      }
      return json(200, ctx.faults.describe());
    })
    .add('GET', '/_emulator/throttling', 'admin', () => json(200, ctx.throttles.budgets))
    .add('POST', '/_emulator/throttling', 'admin', (req) => {
      const body = parseBody(req, ThrottlingSchema);
      if (!body.ok) return body.reply;
      if (body.value.graphIdentityReports !== undefined) ctx.throttles.set('graphIdentityReports', body.value.graphIdentityReports);
      if (body.value.manage !== undefined) ctx.throttles.set('manage', body.value.manage);
      return json(200, ctx.throttles.budgets);
    })
    .add('GET', '/_emulator/clock', 'admin', () => json(200, ctx.clock.describe()))
    .add('POST', '/_emulator/clock', 'admin', (req) => {
      const body = parseBody(req, ClockSchema);
      if (!body.ok) return body.reply;
      if (body.value.advanceSeconds) ctx.clock.advance(body.value.advanceSeconds);
      if (body.value.ingestionDelaySeconds !== undefined) ctx.clock.delaySeconds = body.value.ingestionDelaySeconds;
      return json(200, ctx.clock.describe());
    })
    .add('POST', '/_emulator/refresh-tokens/revoke', 'admin', (req) => {
      const body = parseBody(req, RevokeSchema);
      if (!body.ok) return body.reply;
      const upn = body.value.upn;
      const user = upn ? ctx.directory.userByUpn(upn) : undefined;
      if (upn && !user) return json(404, { error: 'not_found', message: `No user '${upn}' in the tenant.` });
      return json(200, { revokedUsers: ctx.directory.revokeRefreshTokens(user?.id) });
    })
    .add('POST', '/_emulator/users/require-mfa', 'admin', (req) => {
      const body = parseBody(req, UpnSchema);
      if (!body.ok) return body.reply;
      const user = ctx.directory.userByUpn(body.value.upn);
      if (!user) return json(404, { error: 'not_found', message: `No user '${body.value.upn}' in the tenant.` });
      ctx.directory.requireMfaAgain(user.id);
      return json(200, { upn: user.userPrincipalName, mfaRequiredAgain: true });
    })
    .add('POST', '/_emulator/consent', 'admin', (req) => {
      const body = parseBody(req, ConsentSchema);
      if (!body.ok) return body.reply;
      const resource = RESOURCES.find((r) => r.key === body.value.resource) ?? resourceFor(body.value.resource);
      if (!resource)
        return json(400, { error: 'invalid_request', message: `Unknown resource '${body.value.resource}'; use graph, exchange, manage or a resource URI.` });
      ctx.directory.setConsent(resource, body.value.scopes, body.value.granted);
      return json(200, { resource: resource.audience, scopes: body.value.scopes ?? ['*'], granted: body.value.granted });
    })
    .add('POST', '/_emulator/apps/certificates', 'admin', (req) => {
      const body = parseBody(req, CertificateSchema);
      if (!body.ok) return body.reply;
      const expired = body.value.expired;
      // An expired certificate: valid for 30 days, two months ago.
      const issued = expired
        ? createSelfSignedCertificate('Warden automation (expired)', 30, new Date(Date.now() - 60 * 86_400_000))
        : createSelfSignedCertificate('Warden automation (extra)');
      const registered = registeredCertificate(issued.certPem);
      ctx.directory.automationApp.certificates.push(registered);
      const t = thumbprintsOf(issued.certPem);
      return json(200, {
        certPem: issued.certPem,
        keyPem: issued.keyPem,
        thumbprint: t.sha1Hex,
        thumbprintSha256: t.sha256Hex,
        notBefore: registered.notBefore.toISOString(),
        notAfter: registered.notAfter.toISOString(),
      });
    })
    .add('POST', '/_emulator/search-sessions/short', 'admin', (req) => {
      const body = parseBody(req, ShortSessionSchema);
      if (!body.ok) return body.reply;
      exo.sessions.armShortSessions(body.value.missing, body.value.count);
      return json(200, exo.sessions.describe());
    })
    .add('POST', '/_emulator/feed', 'admin', (req) => {
      const body = parseBody(req, FeedSchema);
      if (!body.ok) return body.reply;
      feed.listPageSize = body.value.listPageSize;
      return json(200, { listPageSize: feed.listPageSize });
    })
    .add('POST', '/_emulator/tokens', 'admin', (req) => {
      const body = parseBody(req, TokensSchema);
      if (!body.ok) return body.reply;
      if (body.value.accessTokenSeconds) ctx.tokens.lifetimes.accessTokenSeconds = body.value.accessTokenSeconds;
      if (body.value.refreshTokenInactiveSeconds) ctx.tokens.lifetimes.refreshTokenInactiveSeconds = body.value.refreshTokenInactiveSeconds;
      if (body.value.authorizationCodeSeconds) ctx.tokens.lifetimes.authorizationCodeSeconds = body.value.authorizationCodeSeconds;
      return json(200, ctx.tokens.lifetimes);
    });
}

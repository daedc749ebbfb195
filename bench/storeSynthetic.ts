import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Seeded synthetic evidence for the store benchmark: Management-Activity-shaped audit records and
 * Graph-shaped (beta) sign-ins, written as JSONL. Deterministic for a seed, so every run measures
 * the same bytes. Shapes and value mixes follow reference/microsoft-wire-formats.md §3.2 and §4.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticWorld {
  users: string[];
  ips: string[];
  startMs: number;
  spanMs: number;
}

const FIRST = ['adele', 'alex', 'megan', 'lynne', 'henrietta', 'matt', 'miriam', 'nestor', 'patti', 'pradeep', 'lidia', 'joni', 'isaiah', 'grady', 'diego', 'christie', 'allan', 'johanna', 'lee', 'irvin'];
const WORDS = ['invoice', 'payroll', 'quarterly', 'report', 'contract', 'urgent', 'meeting', 'budget', 'review', 'shipping', 'password', 'reset', 'project', 'roadmap', 'offsite', 'benefits', 'audit', 'renewal', 'wire', 'transfer'];

export function makeWorld(seed: number, users = 2000, ips = 5000): SyntheticWorld {
  const r = mulberry32(seed);
  const u: string[] = [];
  for (let i = 0; i < users; i++) u.push(`${FIRST[i % FIRST.length]}.${i}@contoso.onmicrosoft.com`);
  const ip: string[] = [];
  for (let i = 0; i < ips; i++) {
    if (i % 5 === 0) ip.push(`2a01:110:${((r() * 65535) | 0).toString(16)}:${(r() * 65535).toString(16).slice(0, 4)}::${(i % 255).toString(16)}`);
    else ip.push(`${20 + ((r() * 200) | 0)}.${(r() * 255) | 0}.${(r() * 255) | 0}.${1 + ((r() * 254) | 0)}`);
  }
  return { users: u, ips: ip, startMs: Date.UTC(2026, 5, 1), spanMs: 30 * 24 * 3600_000 };
}

function guid(r: () => number): string {
  const h = () => ((r() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  const a = h() + h() + h() + h();
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-a${a.slice(17, 20)}-${a.slice(20, 32)}`;
}

function iso(ms: number, fraction: boolean): string {
  const s = new Date(ms).toISOString();
  return fraction ? s : s.slice(0, 19);
}

const AUDIT_OPS: { op: string; rt: number; workload: string; weight: number }[] = [
  { op: 'MailItemsAccessed', rt: 50, workload: 'Exchange', weight: 30 },
  { op: 'FileAccessed', rt: 6, workload: 'SharePoint', weight: 20 },
  { op: 'UserLoggedIn', rt: 15, workload: 'AzureActiveDirectory', weight: 18 },
  { op: 'UserLoginFailed', rt: 15, workload: 'AzureActiveDirectory', weight: 5 },
  { op: 'FileDownloaded', rt: 6, workload: 'OneDrive', weight: 8 },
  { op: 'Send', rt: 2, workload: 'Exchange', weight: 8 },
  { op: 'Set-Mailbox', rt: 1, workload: 'Exchange', weight: 4 },
  { op: 'New-InboxRule', rt: 1, workload: 'Exchange', weight: 1 },
  { op: 'Add-MailboxPermission', rt: 1, workload: 'Exchange', weight: 1 },
  { op: 'Update user.', rt: 8, workload: 'AzureActiveDirectory', weight: 3 },
  { op: 'Add member to role.', rt: 8, workload: 'AzureActiveDirectory', weight: 1 },
  { op: 'MoveToDeletedItems', rt: 3, workload: 'Exchange', weight: 1 },
];
const AUDIT_TOTAL = AUDIT_OPS.reduce((s, o) => s + o.weight, 0);

export function syntheticAuditRecord(r: () => number, world: SyntheticWorld, index: number): Record<string, unknown> {
  let pickWeight = r() * AUDIT_TOTAL;
  let op = AUDIT_OPS[0]!;
  for (const o of AUDIT_OPS) {
    pickWeight -= o.weight;
    if (pickWeight < 0) {
      op = o;
      break;
    }
  }
  // Skewed users: a few are very active, as in real tenants.
  const user = world.users[Math.floor(world.users.length * r() * r())]!;
  const ip = world.ips[Math.floor(world.ips.length * r() * r())]!;
  const time = world.startMs + Math.floor((index / 1_000_000) * world.spanMs + r() * 60_000);
  const base: Record<string, unknown> = {
    CreationTime: iso(time, false),
    Id: guid(r),
    Operation: op.op,
    OrganizationId: '8d4121ed-0008-406d-bff9-0d5bb312183c',
    RecordType: op.rt,
    ResultStatus: op.op === 'UserLoginFailed' ? 'Failed' : op.rt === 1 ? 'True' : 'Succeeded',
    UserKey: `10032002${((r() * 1e8) | 0).toString(16).toUpperCase()}`,
    UserType: op.rt === 1 ? 2 : 0,
    Version: 1,
    Workload: op.workload,
    ClientIP: op.rt === 1 ? (ip.includes(':') ? `[${ip}]:${(r() * 60000) | 0}` : `${ip}:${(r() * 60000) | 0}`) : ip,
    UserId: user,
  };
  const word = () => WORDS[(r() * WORDS.length) | 0]!;
  switch (op.rt) {
    case 50:
      Object.assign(base, {
        ObjectId: user,
        MailboxOwnerUPN: user,
        LogonType: 0,
        ClientInfoString: 'Client=REST;Client=RESTSystem;;',
        SessionId: guid(r),
        AppAccessContext: { AADSessionId: guid(r), IssuedAtTime: iso(time - 600_000, true), UniqueTokenId: guid(r).slice(0, 22), ClientAppId: '00000002-0000-0ff1-ce00-000000000000' },
        OperationProperties: [{ Name: 'MailAccessType', Value: r() < 0.8 ? 'Bind' : 'Sync' }, { Name: 'IsThrottled', Value: 'False' }],
        OperationCount: 1 + ((r() * 5) | 0),
        Folders: [{ Id: guid(r), Path: '\\Inbox', FolderItems: [{ InternetMessageId: `<${guid(r)}@contoso.com>`, SizeInBytes: (r() * 90000) | 0, Subject: `${word()} ${word()} ${word()}` }] }],
      });
      break;
    case 6:
      Object.assign(base, {
        ObjectId: `https://contoso.sharepoint.com/sites/${word()}/Shared Documents/${word()}-${word()}.docx`,
        SiteUrl: `https://contoso.sharepoint.com/sites/${word()}/`,
        SourceFileName: `${word()}-${word()}.docx`,
        SourceFileExtension: 'docx',
        SourceRelativeUrl: 'Shared Documents',
        ItemType: 'File',
        EventSource: 'SharePoint',
        UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
        ListItemUniqueId: guid(r),
      });
      break;
    case 15:
      Object.assign(base, {
        ObjectId: '00000002-0000-0ff1-ce00-000000000000',
        AzureActiveDirectoryEventType: 1,
        ActorIpAddress: ip,
        ApplicationId: '00000002-0000-0ff1-ce00-000000000000',
        ErrorNumber: op.op === 'UserLoginFailed' ? '50126' : '0',
        ExtendedProperties: [
          { Name: 'ResultStatusDetail', Value: op.op === 'UserLoginFailed' ? 'UserError' : 'Success' },
          { Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
          { Name: 'RequestType', Value: 'OAuth2:Token' },
        ],
        Actor: [{ ID: guid(r), Type: 0 }, { ID: user, Type: 5 }],
        DeviceProperties: [{ Name: 'OS', Value: 'Windows 10' }, { Name: 'BrowserType', Value: 'Chrome' }, { Name: 'SessionId', Value: guid(r) }],
        Target: [{ ID: '00000002-0000-0ff1-ce00-000000000000', Type: 0 }],
      });
      break;
    case 1:
      Object.assign(base, {
        ObjectId: `EURPR01A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/${user.split('@')[0]}`,
        AppId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b',
        ExternalAccess: false,
        OriginatingServer: 'TYUPR03MB7029 (15.20.6609.024)',
        OrganizationName: 'contoso.onmicrosoft.com',
        Parameters:
          op.op === 'New-InboxRule'
            ? [{ Name: 'Name', Value: `${word()}` }, { Name: 'MoveToFolder', Value: 'RSS Feeds' }, { Name: 'SubjectContainsWords', Value: `${word()};${word()}` }, { Name: 'StopProcessingRules', Value: 'True' }]
            : [{ Name: 'Identity', Value: world.users[(r() * world.users.length) | 0]! }, { Name: 'AuditEnabled', Value: 'True' }],
        SessionId: guid(r),
      });
      break;
    default:
      Object.assign(base, {
        ObjectId: world.users[(r() * world.users.length) | 0]!,
        Item: { Id: guid(r), Subject: `${word()} ${word()}`, ParentFolder: { Path: '\\Sent Items' } },
        ModifiedProperties: [],
        ExtendedProperties: [{ Name: 'additionalDetails', Value: '{}' }],
      });
  }
  return base;
}

const APPS = [
  ['Office 365 Exchange Online', '00000002-0000-0ff1-ce00-000000000000'],
  ['Microsoft Teams', '1fec8e78-bce4-4aaf-ab1b-5451cc387264'],
  ['Azure Portal', 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c'],
  ['Microsoft Office', 'd3590ed6-52b3-4102-aeff-aad2292ab01c'],
  ['Microsoft Authentication Broker', '29d9ed98-a469-4536-ade2-f981bc1d605e'],
] as const;
const CLIENT_APPS = ['Browser', 'Browser', 'Mobile Apps and Desktop clients', 'Mobile Apps and Desktop clients', 'Exchange ActiveSync', 'IMAP4', 'Authenticated SMTP', 'Other clients'];
const COUNTRIES = [['US', 'Redmond', 47.68, -122.12], ['GB', 'London', 51.5, -0.12], ['NL', 'Amsterdam', 52.37, 4.89], ['NG', 'Lagos', 6.45, 3.39], ['BR', 'Sao Paulo', -23.55, -46.63]] as const;

export function syntheticSignIn(r: () => number, world: SyntheticWorld, index: number): Record<string, unknown> {
  const userIndex = Math.floor(world.users.length * r() * r());
  const user = world.users[userIndex]!;
  const ip = world.ips[Math.floor(world.ips.length * r() * r())]!;
  const time = world.startMs + Math.floor((index / 1_000_000) * world.spanMs + r() * 60_000);
  const app = APPS[(r() * APPS.length) | 0]!;
  const failed = r() < 0.12;
  const code = failed ? [50126, 50074, 53003, 50053][(r() * 4) | 0]! : 0;
  const place = COUNTRIES[r() < 0.85 ? 0 : 1 + ((r() * 4) | 0)]!;
  const interactive = r() < 0.4;
  return {
    id: guid(r),
    createdDateTime: iso(time, true),
    userDisplayName: user.split('@')[0],
    userPrincipalName: user,
    userId: `00000000-0000-4000-8000-${String(userIndex).padStart(12, '0')}`,
    appId: app[1],
    appDisplayName: app[0],
    ipAddress: ip,
    clientAppUsed: CLIENT_APPS[(r() * CLIENT_APPS.length) | 0],
    correlationId: guid(r),
    conditionalAccessStatus: failed && code === 53003 ? 'failure' : r() < 0.7 ? 'success' : 'notApplied',
    isInteractive: interactive,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: r() < 0.02 ? 'medium' : 'none',
    riskState: 'none',
    riskEventTypes_v2: [],
    resourceDisplayName: 'Office 365 Exchange Online',
    resourceId: '00000002-0000-0ff1-ce00-000000000000',
    status: { errorCode: code, failureReason: failed ? 'Invalid username or password or Invalid on-premise username or password.' : 'Other.', additionalDetails: failed ? null : 'MFA requirement satisfied by claim in the token' },
    deviceDetail: { deviceId: '', displayName: '', operatingSystem: r() < 0.7 ? 'Windows10' : 'Ios', browser: 'Edge 126.0.0', isCompliant: false, isManaged: false, trustType: '' },
    location: { city: place[1], state: '', countryOrRegion: place[0], geoCoordinates: { altitude: null, latitude: place[2], longitude: place[3] } },
    appliedConditionalAccessPolicies: [
      { id: '8872f6fb-da88-4b63-bcc7-17247669596b', displayName: 'Require MFA for admins', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'notApplied' },
      { id: '235bec94-f744-48ac-8314-5675953d2def', displayName: 'Block legacy authentication', enforcedGrantControls: ['Block'], enforcedSessionControls: [], result: 'success' },
    ],
    authenticationRequirement: r() < 0.5 ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    authenticationDetails: [{ authenticationStepDateTime: iso(time, true), authenticationMethod: 'Password', authenticationMethodDetail: 'Password in the cloud', succeeded: !failed, authenticationStepResultDetail: failed ? 'Invalid username or password' : 'Correct password' }],
    authenticationProtocol: r() < 0.01 ? 'deviceCode' : 'none',
    signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    sessionId: guid(r),
    uniqueTokenIdentifier: guid(r).slice(0, 22),
    tokenIssuerType: 'AzureAD',
    userType: 'member',
  };
}

/** Writes `count` records as JSONL; returns the bytes written. */
export async function writeJsonl(file: string, count: number, make: (index: number) => Record<string, unknown>): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let buffer = '';
  for (let i = 0; i < count; i++) {
    buffer += `${JSON.stringify(make(i))}\n`;
    if (buffer.length > 1 << 20) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return bytes;
}

/**
 * AuditLogRecordType values (reference §4.11) with the names Search-UnifiedAuditLog prints (PascalCase) and the
 * Graph audit log query uses (camelCase).
 */
const RECORD_TYPES: ReadonlyArray<[number, string]> = [
  [1, 'ExchangeAdmin'],
  [2, 'ExchangeItem'],
  [3, 'ExchangeItemGroup'],
  [4, 'SharePoint'],
  [6, 'SharePointFileOperation'],
  [7, 'OneDrive'],
  [8, 'AzureActiveDirectory'],
  [9, 'AzureActiveDirectoryAccountLogon'],
  [10, 'DataCenterSecurityCmdlet'],
  [14, 'SharePointSharingOperation'],
  [15, 'AzureActiveDirectoryStsLogon'],
  [18, 'SecurityComplianceCenterEOPCmdlet'],
  [19, 'ExchangeAggregatedOperation'],
  [25, 'MicrosoftTeams'],
  [28, 'ThreatIntelligence'],
  [40, 'SecurityComplianceAlerts'],
  [50, 'ExchangeItemAggregated'],
];

const BY_NUMBER = new Map(RECORD_TYPES);
const BY_NAME = new Map(RECORD_TYPES.map(([n, name]) => [name.toLowerCase(), n]));

export function recordTypeName(value: number): string {
  return BY_NUMBER.get(value) ?? String(value);
}

export function recordTypeCamel(value: number): string {
  const name = recordTypeName(value);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A record type given by name (any case) or number; undefined when unknown. */
export function recordTypeFrom(text: string | number): number | undefined {
  if (typeof text === 'number') return BY_NUMBER.has(text) ? text : undefined;
  if (/^\d+$/.test(text)) return BY_NUMBER.has(Number(text)) ? Number(text) : undefined;
  return BY_NAME.get(text.toLowerCase());
}

const USER_TYPES = [
  'regular',
  'reserved',
  'admin',
  'dcAdmin',
  'system',
  'application',
  'servicePrincipal',
  'customPolicy',
  'systemPolicy',
  'partnerTechnician',
  'guest',
];

/** Graph's camelCase name of a unified audit `UserType` number. */
export function userTypeCamel(value: number): string {
  return USER_TYPES[value] ?? 'unknownFutureValue';
}

/**
 * AuditLogRecordType numbers → names, from the Office 365 Management Activity API schema
 * (docs: office-365-management-activity-api-schema.md, "Enum: AuditLogRecordType"). Management
 * API JSON carries the number, Search-UnifiedAuditLog and Sentinel the name; the store keeps the
 * name so both match one filter. Numbers not listed here are kept as they are.
 */
const NAMES: Record<number, string> = {
  1: 'ExchangeAdmin',
  2: 'ExchangeItem',
  3: 'ExchangeItemGroup',
  4: 'SharePoint',
  6: 'SharePointFileOperation',
  7: 'OneDrive',
  8: 'AzureActiveDirectory',
  9: 'AzureActiveDirectoryAccountLogon',
  10: 'DataCenterSecurityCmdlet',
  11: 'ComplianceDLPSharePoint',
  13: 'ComplianceDLPExchange',
  14: 'SharePointSharingOperation',
  15: 'AzureActiveDirectoryStsLogon',
  16: 'SkypeForBusinessPSTNUsage',
  17: 'SkypeForBusinessUsersBlocked',
  18: 'SecurityComplianceCenterEOPCmdlet',
  19: 'ExchangeAggregatedOperation',
  20: 'PowerBIAudit',
  21: 'CRM',
  22: 'Yammer',
  23: 'SkypeForBusinessCmdlets',
  24: 'Discovery',
  25: 'MicrosoftTeams',
  28: 'ThreatIntelligence',
  29: 'MailSubmission',
  30: 'MicrosoftFlow',
  31: 'AeD',
  32: 'MicrosoftStream',
  33: 'ComplianceDLPSharePointClassification',
  34: 'ThreatFinder',
  35: 'Project',
  36: 'SharePointListOperation',
  37: 'SharePointCommentOperation',
  38: 'DataGovernance',
  39: 'Kaizala',
  40: 'SecurityComplianceAlerts',
  41: 'ThreatIntelligenceUrl',
  42: 'SecurityComplianceInsights',
  43: 'MIPLabel',
  44: 'WorkplaceAnalytics',
  45: 'PowerAppsApp',
  46: 'PowerAppsPlan',
  47: 'ThreatIntelligenceAtpContent',
  48: 'LabelContentExplorer',
  49: 'TeamsHealthcare',
  50: 'ExchangeItemAggregated',
  51: 'HygieneEvent',
  52: 'DataInsightsRestApiAudit',
  53: 'InformationBarrierPolicyApplication',
  54: 'SharePointListItemOperation',
  55: 'SharePointContentTypeOperation',
  56: 'SharePointFieldOperation',
  57: 'MicrosoftTeamsAdmin',
  58: 'HRSignal',
  59: 'MicrosoftTeamsDevice',
  60: 'MicrosoftTeamsAnalytics',
  61: 'InformationWorkerProtection',
  62: 'Campaign',
  63: 'DLPEndpoint',
  64: 'AirInvestigation',
  65: 'Quarantine',
  66: 'MicrosoftForms',
  67: 'ApplicationAudit',
  68: 'ComplianceSupervisionExchange',
  69: 'CustomerKeyServiceEncryption',
  70: 'OfficeNative',
  71: 'MipAutoLabelSharePointItem',
  72: 'MipAutoLabelSharePointPolicyLocation',
  73: 'MicrosoftTeamsShifts',
  75: 'MipAutoLabelExchangeItem',
  76: 'CortanaBriefing',
  78: 'WDATPAlerts',
  82: 'SensitivityLabelPolicyMatch',
  83: 'SensitivityLabelAction',
  84: 'SensitivityLabeledFileAction',
  85: 'AttackSim',
  86: 'AirManualInvestigation',
  87: 'SecurityComplianceRBAC',
  88: 'UserTraining',
  89: 'AirAdminActionInvestigation',
  90: 'MSTIC',
  98: 'MCASAlerts',
};

const BY_LOWER_NAME = new Map(Object.values(NAMES).map((name) => [name.toLowerCase(), name]));

/** The record type's name, from a number, a numeric string, or a name in any casing (Graph uses camelCase). */
export function recordTypeName(value: unknown): string | null {
  if (typeof value === 'number') return NAMES[value] ?? String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return NAMES[Number(text)] ?? text;
  return BY_LOWER_NAME.get(text.toLowerCase()) ?? text;
}

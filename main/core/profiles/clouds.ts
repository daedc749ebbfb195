/**
 * Where each Microsoft cloud lives. Resource identifiers (used in scopes and token audiences) differ from
 * hosts only in the national clouds; both are listed so a profile never mixes clouds.
 * Sources: Microsoft Learn "National clouds" (Entra), "Microsoft Graph national cloud deployments",
 * "Exchange Online PowerShell: connect in national clouds", "Office 365 Management Activity API reference".
 */
export const CLOUD_NAMES = ['global', 'usgov', 'usgovdod', 'china'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface CloudEndpoints {
  /** Entra ID authority host, without tenant. */
  authorityHost: string;
  graph: string;
  /** The Exchange Online host serving /adminapi/beta/{tenant}/InvokeCommand. */
  exchange: string;
  /** Office 365 Management Activity API host. */
  manage: string;
  /** Resource identifiers for `/.default` scopes. */
  resources: { graph: string; exchange: string; manage: string };
}

export const CLOUDS: Readonly<Record<CloudName, CloudEndpoints>> = {
  global: {
    authorityHost: 'https://login.microsoftonline.com',
    graph: 'https://graph.microsoft.com',
    exchange: 'https://outlook.office365.com',
    manage: 'https://manage.office.com',
    resources: { graph: 'https://graph.microsoft.com', exchange: 'https://outlook.office365.com', manage: 'https://manage.office.com' },
  },
  usgov: {
    authorityHost: 'https://login.microsoftonline.us',
    graph: 'https://graph.microsoft.us',
    exchange: 'https://outlook.office365.us',
    manage: 'https://manage.office365.us',
    resources: { graph: 'https://graph.microsoft.us', exchange: 'https://outlook.office365.us', manage: 'https://manage.office365.us' },
  },
  usgovdod: {
    authorityHost: 'https://login.microsoftonline.us',
    graph: 'https://dod-graph.microsoft.us',
    exchange: 'https://webmail.apps.mil',
    manage: 'https://manage.protection.apps.mil',
    resources: { graph: 'https://dod-graph.microsoft.us', exchange: 'https://webmail.apps.mil', manage: 'https://manage.protection.apps.mil' },
  },
  china: {
    authorityHost: 'https://login.chinacloudapi.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    exchange: 'https://partner.outlook.cn',
    manage: 'https://manage.protection.partner.outlook.cn',
    resources: {
      graph: 'https://microsoftgraph.chinacloudapi.cn',
      exchange: 'https://partner.outlook.cn',
      manage: 'https://manage.protection.partner.outlook.cn',
    },
  },
};

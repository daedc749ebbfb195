// Microsoft first-party applications and resources as they appear in sign-in logs (app ids are Microsoft's
// well-known public client/app ids, the same in every tenant), and the user agents their clients send.

export interface Resource {
  id: string;
  displayName: string;
}

export const RESOURCES = {
  graph: { id: '00000003-0000-0000-c000-000000000000', displayName: 'Microsoft Graph' },
  exchange: { id: '00000002-0000-0ff1-ce00-000000000000', displayName: 'Office 365 Exchange Online' },
  sharePoint: { id: '00000003-0000-0ff1-ce00-000000000000', displayName: 'Office 365 SharePoint Online' },
  aad: { id: '00000002-0000-0000-c000-000000000000', displayName: 'Windows Azure Active Directory' },
  teams: { id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', displayName: 'Microsoft Teams Services' },
  azureManagement: { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', displayName: 'Windows Azure Service Management API' },
  manageOffice: { id: 'c5393580-f805-4401-95e8-94b7a6ef2fc2', displayName: 'Office 365 Management APIs' },
  shellServer: { id: '5f09333a-842c-47da-a157-57da27fcbca5', displayName: 'Office365 Shell WCSS-Server' },
} as const satisfies Record<string, Resource>;

export interface FirstPartyApp {
  appId: string;
  displayName: string;
  resource: Resource;
  /** clientAppUsed for sign-ins through this app. */
  clientAppUsed: string;
  /** Which device kinds run it. */
  platform: 'browser' | 'desktop' | 'mobile';
}

export const APPS = {
  officeHome: { appId: '4765445b-32c6-49b0-83e6-1d93765276ca', displayName: 'OfficeHome', resource: RESOURCES.shellServer, clientAppUsed: 'Browser', platform: 'browser' },
  shellClient: { appId: '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7', displayName: 'Office365 Shell WCSS-Client', resource: RESOURCES.graph, clientAppUsed: 'Browser', platform: 'browser' },
  outlookWeb: { appId: '9199bf20-a13f-4107-85dc-02114787ef48', displayName: 'One Outlook Web', resource: RESOURCES.exchange, clientAppUsed: 'Browser', platform: 'browser' },
  exchangeOnline: { appId: '00000002-0000-0ff1-ce00-000000000000', displayName: 'Office 365 Exchange Online', resource: RESOURCES.exchange, clientAppUsed: 'Browser', platform: 'browser' },
  sharePointWeb: { appId: '00000003-0000-0ff1-ce00-000000000000', displayName: 'Office 365 SharePoint Online', resource: RESOURCES.sharePoint, clientAppUsed: 'Browser', platform: 'browser' },
  teamsWeb: { appId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', displayName: 'Microsoft Teams Web Client', resource: RESOURCES.teams, clientAppUsed: 'Browser', platform: 'browser' },
  azurePortal: { appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', displayName: 'Azure Portal', resource: RESOURCES.azureManagement, clientAppUsed: 'Browser', platform: 'browser' },
  exchangeAdminCenter: { appId: '497effe9-df71-4043-a8bb-14cf78c4b63b', displayName: 'Exchange Admin Center', resource: RESOURCES.exchange, clientAppUsed: 'Browser', platform: 'browser' },
  m365AdminPortal: { appId: '00000006-0000-0ff1-ce00-000000000000', displayName: 'Microsoft Office 365 Portal', resource: RESOURCES.graph, clientAppUsed: 'Browser', platform: 'browser' },
  teams: { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', displayName: 'Microsoft Teams', resource: RESOURCES.teams, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'desktop' },
  office: { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', displayName: 'Microsoft Office', resource: RESOURCES.exchange, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'desktop' },
  oneDriveSync: { appId: 'ab9b8c07-8f02-4f72-87fa-80105867a763', displayName: 'OneDrive SyncEngine', resource: RESOURCES.sharePoint, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'desktop' },
  windowsSignIn: { appId: '38aa3b87-a06d-4817-b275-7a316988d93b', displayName: 'Windows Sign In', resource: RESOURCES.aad, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'desktop' },
  outlookMobile: { appId: '27922004-5251-4030-b22d-91ecd9a37ea4', displayName: 'Outlook Mobile', resource: RESOURCES.exchange, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'mobile' },
  teamsMobile: { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', displayName: 'Microsoft Teams', resource: RESOURCES.teams, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'mobile' },
  authBroker: { appId: '29d9ed98-a469-4536-ade2-f981bc1d605e', displayName: 'Microsoft Authentication Broker', resource: RESOURCES.aad, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'mobile' },
  exoPowerShell: { appId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b', displayName: 'Microsoft Exchange REST API Based Powershell', resource: RESOURCES.exchange, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'desktop' },
  graphCli: { appId: '14d82eec-204b-4c2f-b7e8-296a70dab67e', displayName: 'Microsoft Graph Command Line Tools', resource: RESOURCES.graph, clientAppUsed: 'Mobile Apps and Desktop clients', platform: 'desktop' },
} as const satisfies Record<string, FirstPartyApp>;

export type AppKey = keyof typeof APPS;

/** Client apps that use basic (legacy) authentication: clientAppUsed values as Entra logs them. */
export const LEGACY_CLIENT_APPS = {
  imap: 'IMAP4',
  pop: 'POP3',
  smtp: 'Authenticated SMTP',
  activeSync: 'Exchange ActiveSync',
  other: 'Other clients',
  ews: 'Exchange Web Services',
} as const;

/** Browser user agents (current stable versions at the time of writing; fixed so output is stable). */
export const USER_AGENTS = {
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  outlookIos: 'Outlook-iOS/709.2226530.prod.iphone (4.2424.0)',
  outlookAndroid: 'Outlook-Android/2.0',
  wam: 'Windows-AzureAD-Authentication-Provider/1.0',
  outlookDesktop: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17726; Pro)',
  macOutlook: 'Microsoft Office/16.0 (Macintosh; Mac OS X 14.5; Microsoft Outlook 16.86)',
  iosMailEas: 'iOS/17.5.1 (21F90) dataaccessd/1.0',
  androidMailEas: 'Android-Mail/2024.06.02.643017021.Release',
  powershell: 'Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.20348; en-US) PowerShell/7.4.3',
  // Seen in attacks
  pythonRequests: 'python-requests/2.32.3',
  bav2ropc: 'BAV2ROPC',
  axios: 'axios/1.7.2',
  goHttp: 'Go-http-client/1.1',
} as const;

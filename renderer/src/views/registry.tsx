import type { ComponentType, ReactElement } from 'react';
import {
  DocumentSearch20Regular,
  History20Regular,
  Home20Regular,
  Mail20Regular,
  PeopleTeam20Regular,
  PersonAccounts20Regular,
  PersonLock20Regular,
  ShieldError20Regular,
  TaskListLtr20Regular,
} from '@fluentui/react-icons';
import type { ViewId } from '../../../shared/views.ts';
import { AccountsView } from './accounts/AccountsView.tsx';
import { AuditView } from './audit/AuditView.tsx';
import { FindingsView } from './findings/FindingsView.tsx';
import { HomeView } from './home/HomeView.tsx';
import { JobsView } from './jobs/JobsView.tsx';
import { JournalView } from './journal/JournalView.tsx';
import { MailboxesView } from './mailboxes/MailboxesView.tsx';
import { RolesView } from './roles/RolesView.tsx';
import { SignInsView } from './signins/SignInsView.tsx';

export interface ViewEntry {
  id: ViewId;
  label: string;
  icon: ReactElement;
  /** The view itself; null while the view is not built yet, and then `empty` is shown. */
  component: ComponentType | null;
  /** Shown while the view has nothing to display: what will appear here, and what it needs first. */
  empty: { title: string; body: string };
}

/** The navigation rail, in order. */
export const VIEWS: readonly ViewEntry[] = [
  { id: 'home', label: 'Home', icon: <Home20Regular />, component: HomeView, empty: { title: 'Home', body: '' } },
  {
    id: 'mailboxes',
    component: MailboxesView,
    label: 'Mailboxes',
    icon: <Mail20Regular />,
    empty: {
      title: 'No mailbox inventory yet',
      body: 'Mailboxes, their forwarding, audit settings, permissions and inbox rules appear here after a mailbox inventory of a connected tenant.',
    },
  },
  {
    id: 'roles',
    component: RolesView,
    label: 'Roles',
    icon: <PeopleTeam20Regular />,
    empty: {
      title: 'No role groups yet',
      body: 'Role groups, their members and the cmdlets they grant, and the audit settings, appear here after an inventory of a connected tenant.',
    },
  },
  {
    id: 'signins',
    component: SignInsView,
    label: 'Sign-ins',
    icon: <PersonLock20Regular />,
    empty: {
      title: 'No sign-ins collected',
      body: 'Entra ID sign-ins appear here, anomalies first, once they are collected from a tenant or imported from a file. Not available in this build yet.',
    },
  },
  {
    id: 'audit',
    component: AuditView,
    label: 'Audit',
    icon: <DocumentSearch20Regular />,
    empty: {
      title: 'No audit records stored',
      body: 'Unified audit log records appear here, searchable offline, once they are collected or imported, with a coverage map of what is complete. Not available in this build yet.',
    },
  },
  {
    id: 'findings',
    component: FindingsView,
    label: 'Findings',
    icon: <ShieldError20Regular />,
    empty: {
      title: 'No findings',
      body: 'Detections run over stored sign-ins and audit records. There are no records yet, so there is nothing to detect.',
    },
  },
  {
    id: 'jobs',
    component: JobsView,
    label: 'Jobs',
    icon: <TaskListLtr20Regular />,
    empty: {
      title: 'No jobs',
      body: 'Inventories and collections run as resumable jobs and show their progress here. None has run.',
    },
  },
  {
    id: 'journal',
    component: JournalView,
    label: 'Journal',
    icon: <History20Regular />,
    empty: {
      title: 'No changes yet',
      body: 'Admin changes made from Warden appear here with who, when, why, before and after, and the audit record that proves each.',
    },
  },
  {
    id: 'accounts',
    component: AccountsView,
    label: 'Accounts',
    icon: <PersonAccounts20Regular />,
    empty: {
      title: 'No accounts',
      body: 'Tenants you connect and the accounts signed in to them appear here.',
    },
  },
];

import type { MenuItemConstructorOptions } from 'electron';
import type { ViewId } from '../../shared/views.ts';

const VIEW_LABELS: ReadonlyArray<[ViewId, string]> = [
  ['home', 'Home'],
  ['mailboxes', 'Mailboxes'],
  ['roles', 'Roles'],
  ['signins', 'Sign-ins'],
  ['audit', 'Audit'],
  ['findings', 'Findings'],
  ['jobs', 'Jobs'],
  ['accounts', 'Accounts'],
];

/** The application menu: standard edit/window roles, and View entries that switch the renderer's view. */
export function menuTemplate(platform: NodeJS.Platform, navigate: (view: ViewId) => void): MenuItemConstructorOptions[] {
  const views: MenuItemConstructorOptions[] = VIEW_LABELS.map(([view, label], index) => ({
    label,
    accelerator: `CmdOrCtrl+${index + 1}`,
    click: () => navigate(view),
  }));
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    { label: 'View', submenu: [...views, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
  ];
}

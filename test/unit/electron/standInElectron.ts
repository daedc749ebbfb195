/**
 * A stand-in for the `electron` module, for loading the shell in plain Node. It records what the shell
 * asks of Electron (window options, protocol handlers, permission handlers, IPC handlers, events) so
 * tests can check the security policy. Only the surface the shell uses is present; calling anything
 * else fails loudly.
 */
type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

export class StandInWebContents extends Emitter {
  readonly session: unknown;
  constructor(session: unknown) {
    super();
    this.session = session;
  }
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown) {
    this.sent.push([channel, message]);
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends Emitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents: StandInWebContents;
  loadedUrl: string | null = null;
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    const partition = (options['webPreferences'] as { partition?: string } | undefined)?.partition;
    this.webContents = new StandInWebContents(partition ? state.session.fromPartition(partition) : state.session.defaultSession);
    BrowserWindow.created.push(this);
    state.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  closed = false;
  close() {
    this.closed = true;
  }
  isDestroyed() {
    return this.closed;
  }
}

class StandInApp extends Emitter {
  singleInstanceLock = true;
  readonly calls: string[] = [];
  readonly paths = new Map<string, string>();
  requestSingleInstanceLock() {
    this.calls.push('requestSingleInstanceLock');
    return this.singleInstanceLock;
  }
  quit() {
    this.calls.push('quit');
  }
  whenReady() {
    this.calls.push('whenReady');
    return Promise.resolve();
  }
  setPath(name: string, value: string) {
    this.paths.set(name, value);
  }
  getVersion() {
    return '9.9.9-standin';
  }
  getPath(name: string) {
    return `/tmp/standin-${name}`;
  }
}

class StandInProtocol {
  readonly privileged: unknown[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  }
}

class StandInSession {
  certificateVerifyProc: Listener | null = null;
  setCertificateVerifyProc(h: Listener) {
    this.certificateVerifyProc = h;
  }
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  displayMediaRequestHandler: Listener | null = null;
  setPermissionRequestHandler(h: Listener) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Listener) {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: Listener) {
    this.devicePermissionHandler = h;
  }
  setDisplayMediaRequestHandler(h: Listener) {
    this.displayMediaRequestHandler = h;
  }
}

class StandInIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, handler: Listener) {
    this.handlers.set(channel, handler);
  }
}

const state = {
  app: new StandInApp(),
  protocol: new StandInProtocol(),
  session: {
    defaultSession: new StandInSession(),
    partitions: new Map<string, StandInSession>(),
    fromPartition(name: string) {
      let found = state.session.partitions.get(name);
      if (!found) state.session.partitions.set(name, (found = new StandInSession()));
      return found;
    },
  },
  ipcMain: new StandInIpcMain(),
  shell: { opened: [] as string[], openExternal: async (url: string) => void state.shell.opened.push(url) },
  Menu: {
    template: null as unknown,
    buildFromTemplate: (template: unknown) => ((state.Menu.template = template), { template }),
    setApplicationMenu: () => {},
  },
};

export const dialog = {
  saved: [] as unknown[],
  async showSaveDialog(...args: unknown[]) {
    dialog.saved.push(args);
    return { canceled: true, filePath: undefined };
  },
};
export const app = state.app;
export const protocol = state.protocol;
export const session = state.session;
export const ipcMain = state.ipcMain;
export const shell = state.shell;
export const Menu = state.Menu;
export default { app, protocol, session, ipcMain, shell, Menu, BrowserWindow, dialog };

// The layering rules of ../DESIGN.md, as errors. `npm run check:layers` (part of `npm test`) fails on any.
const ELECTRON = '(^|/)node_modules/electron/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-and-cli-without-electron',
      comment: 'main/core and main/cli run in plain Node (CLI, tests, benchmarks); only main/electron may import electron.',
      severity: 'error',
      from: { path: '^main/(core|cli)/' },
      to: { path: ELECTRON, reachable: true },
    },
    {
      name: 'renderer-without-node',
      comment: 'The renderer is sandboxed web code: no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer reaches main only through the IPC contract in shared/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|emulator|test)/' },
    },
    {
      name: 'shared-stays-shared',
      comment: 'shared/ is imported by both sides: it may import only shared/ and zod.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'emulator-not-main',
      comment: 'The emulator is a peer written from the wire formats, never from the client code it tests.',
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'tests-electron-only-via-stand-in',
      comment: 'Nothing a test loads may reach the real electron module, except the shell tests that mock it.',
      severity: 'error',
      from: { path: '^test/', pathNot: '^test/unit/electron/' },
      to: { path: ELECTRON, reachable: true },
    },
    {
      name: 'core-without-emulator',
      comment: 'main/core talks to Microsoft 365 or to an emulator over HTTPS only; it never links the emulator in.',
      severity: 'error',
      from: { path: '^main/core/' },
      to: { path: '^emulator/' },
    },
    {
      name: 'emulator-only-through-its-entry',
      comment: 'The shell and the CLI host the demo tenant through emulator/index.ts, nothing deeper.',
      severity: 'error',
      from: { path: '^main/(electron|cli)/' },
      to: { path: '^emulator/', pathNot: '^emulator/index\\.ts$' },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that cannot be resolved would hide a layering violation.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.node.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};

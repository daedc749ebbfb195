import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { WardenError } from '../../../shared/errors.ts';
import { CLOUD_NAMES, type CloudName } from '../../core/profiles/clouds.ts';
import type { Profile } from '../../core/profiles/profileSchema.ts';
import { describeZodError } from '../../core/zodMessages.ts';
import type { CliContext } from '../context.ts';

/** The part of the emulator's ready line a profile needs. */
const EmulatorReady = z.object({
  ready: z.literal(true),
  authority: z.string(),
  tenantId: z.string(),
  graph: z.string(),
  exo: z.string(),
  manage: z.string(),
  caCert: z.string(),
  publicClientId: z.string(),
});

export function register(program: Command, cli: CliContext): void {
  const tenant = program.command('tenant').description('tenant profiles: which tenant, in which cloud (or an emulator), and which is active');

  tenant
    .command('add <name>')
    .description('add a tenant profile (the first one becomes active)')
    .option('--tenant-id <id>', 'tenant GUID or domain (contoso.onmicrosoft.com)')
    .option('--client-id <id>', 'application (client) ID of your app registration for interactive sign-in')
    .addOption(new Option('--cloud <cloud>', 'Microsoft cloud').choices([...CLOUD_NAMES]).default('global'))
    .option('--emulator <ready>', "a local emulator: its ready line (JSON), a file holding it, or '-' to read it from stdin")
    .option('--offline', 'no connection: a store for imported logs and case files')
    .option('--windows-broker', 'on Windows, sign in through the Windows account broker (WAM) instead of the browser')
    .action(
      async (
        name: string,
        options: { tenantId?: string; clientId?: string; cloud: CloudName; emulator?: string; offline?: boolean; windowsBroker?: boolean },
      ) => {
        const kinds = [options.emulator !== undefined, options.offline === true, options.tenantId !== undefined].filter(Boolean).length;
        if (kinds !== 1) throw new WardenError('invalid-input', 'Give exactly one of: --tenant-id (with --client-id), --emulator, --offline.');
        const registry = await cli.profiles();
        let profile: Profile;
        if (options.offline) {
          profile = await registry.add({ kind: 'offline', name });
        } else if (options.emulator !== undefined) {
          const ready = await readEmulatorReady(options.emulator, cli);
          profile = await registry.add({
            kind: 'emulator',
            name,
            tenantId: ready.tenantId,
            clientId: ready.publicClientId,
            authority: ready.authority,
            graph: ready.graph,
            exchange: ready.exo,
            manage: ready.manage,
            caCertPem: readCaCert(ready.caCert),
            app: null,
          });
        } else {
          if (!options.clientId)
            throw new WardenError('invalid-input', '--client-id is required with --tenant-id (the app registration Warden signs in with; see the README).');
          profile = await registry.add({
            kind: 'microsoft',
            name,
            cloud: options.cloud,
            tenantId: options.tenantId!,
            clientId: options.clientId,
            useWindowsBroker: options.windowsBroker === true,
            app: null,
          });
          if (options.windowsBroker && process.platform !== 'win32')
            cli.out.note('Note: the Windows account broker exists only on Windows; on this system sign-in uses the browser.');
        }
        const active = registry.active()?.id === profile.id;
        cli.out.result({ profile: describe(profile), active }, `Added ${describeLine(profile)}${active ? ' (active)' : ''}.`);
      },
    );

  tenant
    .command('list')
    .description('list tenant profiles')
    .action(async () => {
      const registry = await cli.profiles();
      const activeId = registry.active()?.id;
      const profiles = registry.list().map((p) => ({ ...describe(p), active: p.id === activeId }));
      cli.out.result({ profiles }, () =>
        profiles.length === 0
          ? 'No tenant profiles. Add one with `warden tenant add`.'
          : registry
              .list()
              .map((p) => `${p.id === activeId ? '*' : ' '} ${describeLine(p)}`)
              .join('\n'),
      );
    });

  tenant
    .command('use <name>')
    .description('make a tenant profile the active one')
    .action(async (name: string) => {
      const profile = await (await cli.profiles()).use(name);
      cli.out.result({ profile: describe(profile), active: true }, `Active tenant: ${describeLine(profile)}.`);
    });

  tenant
    .command('remove <name>')
    .description('remove a tenant profile (its evidence store file is kept; sign out first to remove its tokens)')
    .action(async (name: string) => {
      const profile = await (await cli.profiles()).remove(name);
      cli.out.result({ removed: describe(profile) }, `Removed ${describeLine(profile)}.`);
    });
}

/** A profile as shown to users and scripts: never the CA certificate text. */
function describe(profile: Profile) {
  const common = { id: profile.id, name: profile.name, kind: profile.kind };
  switch (profile.kind) {
    case 'offline':
      return common;
    case 'microsoft':
      return {
        ...common,
        cloud: profile.cloud,
        tenantId: profile.tenantId,
        clientId: profile.clientId,
        useWindowsBroker: profile.useWindowsBroker,
        app: profile.app,
      };
    case 'emulator':
      return { ...common, tenantId: profile.tenantId, clientId: profile.clientId, authority: profile.authority, app: profile.app };
  }
}

function describeLine(profile: Profile): string {
  switch (profile.kind) {
    case 'offline':
      return `${profile.name} (offline)`;
    case 'microsoft':
      return `${profile.name} (tenant ${profile.tenantId}, ${profile.cloud} cloud)`;
    case 'emulator':
      return `${profile.name} (emulator at ${new URL(profile.authority).host}, tenant ${profile.tenantId})`;
  }
}

async function readEmulatorReady(source: string, cli: CliContext): Promise<z.infer<typeof EmulatorReady>> {
  let text: string;
  if (source === '-') text = await cli.readStdin();
  else if (source.trimStart().startsWith('{')) text = source;
  else {
    try {
      text = readFileSync(source, 'utf8');
    } catch (error) {
      throw new WardenError('invalid-input', `--emulator: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
  }
  // The emulator prints its ready line among other output: take the line that parses as the ready object.
  for (const line of text.split(/\r?\n/).reverse()) {
    if (!line.trim().startsWith('{')) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = EmulatorReady.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new WardenError('invalid-input', `--emulator: not an emulator ready line: ${describeZodError(parsed.error)}`);
  }
  throw new WardenError('invalid-input', '--emulator: no JSON ready line found.');
}

function readCaCert(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new WardenError(
      'invalid-input',
      `--emulator: cannot read the emulator CA certificate ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
}

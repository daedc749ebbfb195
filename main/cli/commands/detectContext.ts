import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import { CONTEXT_KEYS, type ContextKey, type DetectContext } from '../../../shared/model/findings.ts';
import { loadContext, saveContextValue } from '../../core/detect/context/contextStore.ts';
import { formatWorkingHours, parseWorkingHours } from '../../core/detect/context/workingHoursText.ts';
import type { CliContext } from '../context.ts';
import { withEvidenceStore } from './evidenceStore.ts';

const HELP: Record<ContextKey, string> = {
  trustedNetworks: 'CIDR ranges of the office egress and VPN exits, e.g. 203.0.113.0/28',
  homeCountries: 'ISO country codes people normally work from, e.g. GB US',
  workingHours: 'per time zone, e.g. "Europe/London 8-18 mon-fri"',
  admins: 'administrator accounts (UPNs)',
  automationAccounts: 'service and automation accounts (UPNs)',
  organizationDomains: "the organization's mail domains (the store's own account domains are added automatically)",
};

function key(name: string): ContextKey {
  const k = CONTEXT_KEYS.find((c) => c.toLowerCase() === name.toLowerCase());
  if (!k) throw new WardenError('invalid-input', `No context setting '${name}'. Known: ${CONTEXT_KEYS.join(', ')}.`);
  return k;
}

function parseValues(k: ContextKey, values: string[]): DetectContext[ContextKey] {
  if (k === 'workingHours') return values.map(parseWorkingHours);
  if (k === 'homeCountries') return values.map((v) => v.toUpperCase());
  return values;
}

function show(context: DetectContext): string {
  return CONTEXT_KEYS.map((k) => {
    const v = context[k];
    const text = k === 'workingHours' ? context.workingHours.map(formatWorkingHours).join('; ') : (v as string[]).join(', ');
    return `${k}: ${text || '(not set)'}\n    ${HELP[k]}`;
  }).join('\n');
}

/** `warden context show|set|add|remove`: what the rules know about the tenant, kept in its evidence store. */
export function register(program: Command, cli: CliContext): void {
  const context = program
    .command('context')
    .description('what the detection rules know about the tenant: trusted networks, home countries, working hours, administrators, automation accounts');
  context
    .command('show')
    .description('show the detection context of the active profile')
    .action(async () => {
      await withEvidenceStore(cli, async (store) => {
        const value = loadContext(store);
        cli.out.result({ context: value }, () => show(value));
      });
    });
  const edit = (name: string, description: string, apply: (current: string[] | DetectContext['workingHours'], given: DetectContext[ContextKey]) => unknown[]) =>
    context
      .command(`${name} <setting> [values...]`)
      .description(description)
      .action(async (setting: string, values: string[]) => {
        const k = key(setting);
        await withEvidenceStore(cli, async (store) => {
          const current = loadContext(store)[k];
          const given = parseValues(k, values);
          const next = apply(current as string[], given) as DetectContext[typeof k];
          const saved = saveContextValue(store, k, next);
          cli.out.result({ context: saved }, () => `${show(saved)}\nThe rules re-run in full on the next \`warden detect\` (triage and notes are kept).`);
        });
      });
  const same = (a: unknown, b: unknown) => JSON.stringify(a).toLowerCase() === JSON.stringify(b).toLowerCase();
  edit('set', 'replace a setting with the given values (none clears it)', (_current, given) => given as unknown[]);
  edit('add', 'add values to a setting', (current, given) => [
    ...(current as unknown[]),
    ...(given as unknown[]).filter((g) => !(current as unknown[]).some((c) => same(c, g))),
  ]);
  edit('remove', 'remove values from a setting', (current, given) => (current as unknown[]).filter((c) => !(given as unknown[]).some((g) => same(c, g))));
}

// The automation service account signing in interactively: its credentials, normally used only by the scheduled
// job on the automation host (non-interactive, from the office), are typed into a browser somewhere else.

import { APPS } from '../apps.ts';
import { at, ipIn } from '../activity/places.ts';
import { ATTACKER_DEVICES, LabelDraft, plannedSignIn } from './kit.ts';
import type { Injector } from './index.ts';

export const automationAccountInteractive: Injector = {
  name: 'automation-account-interactive',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('automation-account-interactive');
    const index = env.casting.claim(world.core.automation);
    const account = world.users[index]!;
    const city = world.offices[0]!.city;
    const network = rng.pick(city.residential);
    const where = at(city, network, ipIn(network, rng), false);
    const sessionId = rng.guid();
    const t = startMs + rng.int(30 * 60_000);
    plannedSignIn(env, label, rng, account, ATTACKER_DEVICES.windowsChrome, where, t, { app: APPS.officeHome, interactive: true, mfa: 'none', sessionId });
    plannedSignIn(env, label, rng, account, ATTACKER_DEVICES.windowsChrome, where, t + 60_000 + rng.int(240_000), { app: APPS.exchangeAdminCenter, interactive: true, mfa: 'none', sessionId });
    label.actorUpns.add(account.userPrincipalName);
    label.actorIps.add(where.ip);
    label.targetUpns.add(account.userPrincipalName);
    label.techniques.push('T1078.004');
    label.summary = `The automation service account ${account.userPrincipalName} signed in interactively in a browser (OfficeHome, then Exchange Admin Center) from ${where.ip}, not from the automation host ${world.automationHostIp}.`;
    return [label];
  },
};

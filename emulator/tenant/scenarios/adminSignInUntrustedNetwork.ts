// Administrator sign-in outside the trusted network: an administrator, who normally always comes through the
// office network (or the VPN that leaves through it), signs in to an admin portal straight from home.

import { APPS } from '../apps.ts';
import { homeWhere, LabelDraft, plannedSignIn } from './kit.ts';
import type { Injector } from './index.ts';

export const adminSignInUntrustedNetwork: Injector = {
  name: 'admin-signin-untrusted-network',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('admin-signin-untrusted-network');
    const pool = [...world.core.helpdesk, ...world.core.exchangeAdmins];
    const index = env.casting.oneOf(rng, pool);
    const admin = world.users[index]!;
    const device = world.profiles[index]!.laptop!;
    const where = homeWhere(env, index);
    const app = rng.pick([APPS.azurePortal, APPS.exchangeAdminCenter, APPS.m365AdminPortal]);
    const sessionId = rng.guid();
    const t = startMs + rng.int(30 * 60_000);
    plannedSignIn(env, label, rng, admin, device, where, t, { app, interactive: true, mfa: 'push', sessionId });
    plannedSignIn(env, label, rng, admin, device, where, t + 15_000 + rng.int(60_000), { app: APPS.shellClient, interactive: false, mfa: 'claim', sessionId, additionalDetails: null });
    label.actorUpns.add(admin.userPrincipalName);
    label.actorIps.add(where.ip);
    label.targetUpns.add(admin.userPrincipalName);
    label.targetObjects.add(app.displayName);
    label.techniques.push('T1078.004');
    label.summary = `Administrator ${admin.userPrincipalName} (${admin.directoryRoles.join(', ')}) signed in to ${app.displayName} from ${where.ip}, a home connection outside the trusted office networks (${world.info.trustedNetworks.join(', ')}).`;
    return [label];
  },
};

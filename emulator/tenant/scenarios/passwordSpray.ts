// Password spray: one rented server tries one or two common passwords against many accounts, slowly, over a
// couple of hours, with the ROPC flow of the old Azure AD PowerShell client (as MSOLSpray-style tools do).
// Some of the names it tries do not exist. No attempt succeeds.

import { RESOURCES } from '../apps.ts';
import { OUTCOMES } from '../errors.ts';
import { HOSTING_PLACES } from '../geography.ts';
import { hostilePlace, ipIn } from '../activity/places.ts';
import type { User } from '../model.ts';
import { ATTACKER_DEVICES, LabelDraft, plannedSignIn } from './kit.ts';
import type { Injector } from './index.ts';

const AAD_POWERSHELL = { appId: '1b730954-1685-4b74-9bfd-dac224a7b894', displayName: 'Azure Active Directory PowerShell', resource: RESOURCES.aad, clientAppUsed: 'Mobile Apps and Desktop clients' };
const GUESSED_NAMES = ['admin', 'administrator', 'test', 'user1', 'scan', 'noreply', 'office', 'training'];

export const passwordSpray: Injector = {
  name: 'password-spray',
  hours: 3,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('password-spray');
    const provider = rng.pick(HOSTING_PLACES);
    const place = hostilePlace(provider);
    const ips = Array.from({ length: rng.range(1, 3) }, () => ipIn(provider.network, rng));
    const wanted = Math.max(10, Math.min(120, Math.round(world.members.length * 0.3)));
    const victims = env.casting.members(rng, wanted);
    if (victims.length < 3) victims.push(world.core.ordinary);
    const targets: User[] = victims.map((i) => world.users[i]!);
    for (const name of GUESSED_NAMES.slice(0, rng.range(3, 6))) {
      const upn = `${name}@${world.mailDomain}`;
      if (world.users.some((u) => u.userPrincipalName === upn)) continue;
      targets.push({ ...world.users[world.core.ordinary]!, id: '', userPrincipalName: upn, displayName: '', mail: null, directoryRoles: [] });
    }
    const rounds = rng.range(1, 2);
    const roundGap = 45 * 60_000 + rng.int(30 * 60_000);
    for (let round = 0; round < rounds; round++) {
      const roundStart = startMs + round * roundGap;
      const order = rng.shuffle(targets.slice());
      const step = Math.floor((35 * 60_000) / Math.max(1, order.length));
      order.forEach((user, k) => {
        const ip = ips[k % ips.length]!;
        const ms = roundStart + k * step + rng.int(Math.max(1, step));
        const outcome = user.id === '' ? OUTCOMES.unknownUser : OUTCOMES.badPassword;
        plannedSignIn(env, label, rng, user, ATTACKER_DEVICES.python, { ip, place, trusted: false }, ms, {
          app: AAD_POWERSHELL, interactive: true, outcome, mfa: 'none', protocol: 'ropc', sessionId: '', additionalDetails: null,
        });
        if (user.id !== '') label.targetUpns.add(user.userPrincipalName);
        else label.targetObjects.add(user.userPrincipalName);
      });
    }
    for (const ip of ips) label.actorIps.add(ip);
    label.actorApps.add(AAD_POWERSHELL.appId);
    label.techniques.push('T1110.003');
    label.summary = `Password spray from ${ips.length} ${provider.network.name} address${ips.length > 1 ? 'es' : ''} in ${provider.country} against ${label.targetUpns.size} accounts (${rounds} round${rounds > 1 ? 's' : ''}); every attempt failed (50126, or 50034 for names that do not exist).`;
    return [label];
  },
};

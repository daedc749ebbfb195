// Brute force: one address hammers one account with passwords until smart lockout locks it (50126, then 50053).

import { APPS } from '../apps.ts';
import { OUTCOMES } from '../errors.ts';
import { ATTACKER_DEVICES, hostileAbroad, LabelDraft, plannedSignIn } from './kit.ts';
import type { Injector } from './index.ts';

export const bruteForce: Injector = {
  name: 'brute-force',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('brute-force');
    const victim = world.users[env.casting.member(rng)]!;
    const { where, place } = hostileAbroad(rng, env);
    const attempts = rng.range(25, 50);
    const lockAfter = 10;
    let ms = startMs;
    for (let k = 0; k < attempts; k++) {
      ms += 8_000 + rng.int(40_000);
      const outcome = k < lockAfter ? OUTCOMES.badPassword : OUTCOMES.locked;
      plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.linuxFirefox, where, ms, {
        app: APPS.officeHome, interactive: true, outcome, mfa: 'none', sessionId: '', additionalDetails: null,
      });
    }
    label.actorIps.add(where.ip);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1110.001');
    label.summary = `Brute force against ${victim.userPrincipalName}: ${attempts} password attempts in ${Math.round((ms - startMs) / 60_000)} minutes from ${where.ip} (${place.network.name}, ${place.country}); locked out (50053) after ${lockAfter} failures.`;
    return [label];
  },
};

// Sign-in attempts to a disabled account: the leaver's account was disabled, and someone keeps trying its
// password from the leaver's old home connection (50057).

import { APPS } from '../apps.ts';
import { OUTCOMES } from '../errors.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, homeWhere, LabelDraft, plannedSignIn } from './kit.ts';
import type { Injector } from './index.ts';

export const disabledAccountSignIn: Injector = {
  name: 'disabled-account-signin',
  hours: 6,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('disabled-account-signin');
    const person = world.core.disabledLeaver;
    env.casting.claim(person);
    const leaver = world.users[person]!;
    const where = homeWhere(env, person);
    const n = rng.range(3, 8);
    for (let k = 0; k < n; k++) {
      const ms = startMs + Math.floor((k / n) * 5 * HOUR_MS) + rng.int(20 * 60_000);
      plannedSignIn(env, label, rng, leaver, ATTACKER_DEVICES.windowsChrome, where, ms, {
        app: rng.chance(0.5) ? APPS.officeHome : APPS.outlookWeb, interactive: true, outcome: OUTCOMES.disabled, mfa: 'none', sessionId: '', additionalDetails: null,
      });
    }
    label.actorIps.add(where.ip);
    label.targetUpns.add(leaver.userPrincipalName);
    label.techniques.push('T1078');
    label.summary = `${n} sign-in attempts to the disabled account ${leaver.userPrincipalName} (50057) from ${where.ip}.`;
    return [label];
  },
};

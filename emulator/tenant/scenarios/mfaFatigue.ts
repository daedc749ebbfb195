// MFA fatigue: someone with the victim's password triggers push after push (500121: not answered or declined)
// until the victim gives in and approves. The attacker uses a residential proxy in the victim's own country.

import { APPS } from '../apps.ts';
import { MFA_DETAILS, OUTCOMES } from '../errors.ts';
import { HOUR_MS } from '../time.ts';
import { ATTACKER_DEVICES, LabelDraft, plannedSignIn, proxyInCountry } from './kit.ts';
import type { Injector } from './index.ts';

export const mfaFatigue: Injector = {
  name: 'mfa-fatigue',
  hours: 2,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('mfa-fatigue');
    const person = env.casting.member(rng);
    const victim = world.users[person]!;
    const home = world.profiles[person]!.homeCity;
    const where = proxyInCountry(rng, home.country, home.name);
    env.planner.setAway(person, { fromMs: startMs - 12 * HOUR_MS, toMs: startMs + 14 * HOUR_MS });
    const prompts = rng.range(8, 20);
    let ms = startMs;
    const sessionId = rng.guid();
    for (let k = 0; k < prompts; k++) {
      ms += 60_000 + rng.int(180_000);
      const declined = rng.chance(0.3);
      plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.windowsChrome, where, ms, {
        app: APPS.officeHome, interactive: true, outcome: OUTCOMES.mfaFailed, mfa: declined ? 'denied' : 'noResponse', sessionId,
        additionalDetails: declined ? MFA_DETAILS.declined : MFA_DETAILS.noResponse,
      });
    }
    ms += 60_000 + rng.int(120_000);
    plannedSignIn(env, label, rng, victim, ATTACKER_DEVICES.windowsChrome, where, ms, { app: APPS.officeHome, interactive: true, mfa: 'push', sessionId });
    label.actorIps.add(where.ip);
    label.targetUpns.add(victim.userPrincipalName);
    label.techniques.push('T1621');
    label.summary = `MFA fatigue against ${victim.userPrincipalName}: ${prompts} push prompts refused or ignored (500121) from ${where.ip} (${where.place.city}), then approved and signed in.`;
    return [label];
  },
};

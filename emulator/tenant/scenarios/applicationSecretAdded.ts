// Application secret added: a compromised administrator adds a client secret to the automation app, which
// normally authenticates only with a certificate, giving the attacker app-only Exchange access.

import { compromisedSecurityAdmin } from './actors.ts';
import { LabelDraft, plannedDirectoryChange } from './kit.ts';
import type { Injector } from './index.ts';

export const applicationSecretAdded: Injector = {
  name: 'application-secret-added',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('application-secret-added');
    const admin = compromisedSecurityAdmin(env, rng);
    const app = env.state.applications.find((a) => a.appId === world.info.automationApp.clientId)!;
    const describe = (k: { keyId: string; type: string; name: string }): string => `[KeyIdentifier=${k.keyId},KeyType=${k.type},KeyUsage=Verify,DisplayName=${k.name}]`;
    const existing = app.keyCredentials.map((k) => describe({ keyId: k.keyId, type: 'AsymmetricX509Cert', name: k.displayName }));
    const ms = startMs + rng.int(30 * 60_000);
    const secret = { keyId: rng.guid(), displayName: rng.pick(['key1', 'backup', 'temp']), hint: rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 3), startDateTime: new Date(ms).toISOString().slice(0, 19) + 'Z', endDateTime: new Date(ms + 730 * 86_400_000).toISOString().slice(0, 19) + 'Z', secretText: null };
    const added = [...existing, describe({ keyId: secret.keyId, type: 'Password', name: secret.displayName })];
    plannedDirectoryChange(env, label, rng, {
      ms, activity: 'Update application – Certificates and secrets management ', category: 'ApplicationManagement', operationType: 'Update', actor: admin.user, actorIp: admin.where.ip,
      targets: [{ id: app.id, displayName: app.displayName, type: 'Application', modified: [
        { displayName: 'KeyDescription', oldValue: JSON.stringify(existing), newValue: JSON.stringify(added) },
        { displayName: 'Included Updated Properties', oldValue: null, newValue: '"KeyDescription"' },
      ] }],
      additionalDetails: [{ key: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' }],
    }, {
      operation: 'Update application – Certificates and secrets management .', actor: admin.user, objectId: app.id, category: 'ApplicationManagement', clientIp: admin.where.ip,
      target: { id: app.id, kind: 'Application', name: app.displayName },
      modified: [{ Name: 'KeyDescription', OldValue: JSON.stringify(existing), NewValue: JSON.stringify(added) }, { Name: 'Included Updated Properties', OldValue: '', NewValue: 'KeyDescription' }],
    });
    app.passwordCredentials.push(secret);
    label.change(`applications['${app.appId}'].passwordCredentials`, [], [secret]);
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetObjects.add(app.appId);
    label.techniques.push('T1098.001');
    label.summary = `${admin.user.userPrincipalName} added a client secret '${secret.displayName}' to the certificate-only app '${app.displayName}' (${app.appId}) from ${admin.where.ip}.`;
    return [label];
  },
};

import type { postureChannels } from '../../../shared/ipc/posture.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { evaluatePosture } from '../posture/evaluatePosture.ts';
import type { EvidenceStore } from '../store/openStore.ts';

export interface PostureApiDeps {
  /** The active profile's evidence store; null when there is no profile yet (reading creates nothing). */
  store(): Promise<EvidenceStore | null>;
}

/** Home's posture card over IPC: computed on request from what the store holds. */
export function postureHandlers(deps: PostureApiDeps): Handlers<typeof postureChannels> {
  return {
    'posture.get': async () => {
      const store = await deps.store();
      return store ? evaluatePosture(store) : null;
    },
  };
}

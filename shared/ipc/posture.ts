import { z } from 'zod';
import { channel } from './channel.ts';
import { PostureReport } from '../model/posture.ts';

/**
 * The tenant's security posture, computed from the active store's inventories and records (Home);
 * null before any tenant profile exists (opening Home must not create one).
 */
export const postureChannels = {
  'posture.get': channel(z.strictObject({}), PostureReport.nullable()),
};

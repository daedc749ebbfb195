import { z } from 'zod';
import { channel } from './channel.ts';
import { PostureReport } from '../model/posture.ts';

/** The tenant's security posture, computed from the active store's inventories and records (Home). */
export const postureChannels = {
  'posture.get': channel(z.strictObject({}), PostureReport),
};

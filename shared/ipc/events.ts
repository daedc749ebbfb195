import { z } from 'zod';
import { ViewId } from '../views.ts';

/** Every main → renderer push. */
export const events = {
  /** The application menu (or a second launch) asks the window to show a view. */
  'app.navigate': z.object({ view: ViewId }),
};
export type WardenEvents = typeof events;

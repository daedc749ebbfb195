import { z } from 'zod';

/** The product's views, in navigation order. */
export const ViewId = z.enum(['home', 'mailboxes', 'roles', 'signins', 'audit', 'findings', 'jobs', 'journal', 'accounts']);
export type ViewId = z.infer<typeof ViewId>;

import type { EmulatorContext } from '../context.ts';
import type { Router } from '../server/router.ts';
import { ContentCatalog } from './contentCatalog.ts';
import { ActivityFeed } from './feed.ts';
import type { GeneratorThread } from './generatorThread.ts';

/** Registers the Management Activity API at /manage/api/v1.0/{tenant}/activity/feed (and /api/v1/, as NextPageUri examples use). */
export function registerManage(router: Router, ctx: EmulatorContext, thread?: GeneratorThread): ActivityFeed {
  const feed = new ActivityFeed(ctx, new ContentCatalog(ctx, thread));
  for (const version of ['v1.0', 'v1']) {
    const root = `/manage/api/${version}/:tenant/activity/feed`;
    router
      .add('POST', `${root}/subscriptions/start`, 'manage', (req) => feed.start(req))
      .add('POST', `${root}/subscriptions/stop`, 'manage', (req) => feed.stop(req))
      .add('GET', `${root}/subscriptions/list`, 'manage', (req) => feed.list(req))
      .add('GET', `${root}/subscriptions/content`, 'manage', (req) => feed.content(req))
      .add('GET', `${root}/subscriptions/notifications`, 'manage', (req) => feed.notifications(req))
      .add('GET', `${root}/audit/:contentId`, 'manage', (req) => feed.blob(req));
  }
  return feed;
}

import type { Handler, ServiceName } from './types.ts';

interface Route {
  method: string;
  pattern: RegExp;
  service: ServiceName;
  handler: Handler;
}

export interface RouteMatch {
  service: ServiceName;
  handler: Handler;
  params: Record<string, string>;
}

/**
 * Path patterns are written like `/graph/:version/users`; a `:name` segment matches one path segment
 * (case-sensitive, percent-decoded into params). A trailing `*rest` matches the remainder.
 */
function compile(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) return `(?<${segment.slice(1)}>[^/]+)`;
      if (segment.startsWith('*')) return `(?<${segment.slice(1)}>.*)`;
      return segment.replace(/[.$^+?()[\]{}|\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, service: ServiceName, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), pattern: compile(path), service, handler });
    return this;
  }

  /** `undefined` when no route has this path; `{ methodNotAllowed }` when the path exists for other methods. */
  match(method: string, pathname: string): RouteMatch | { methodNotAllowed: true; service: ServiceName } | undefined {
    let pathService: ServiceName | undefined;
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      if (route.method !== method.toUpperCase()) {
        pathService ??= route.service;
        continue;
      }
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(found.groups ?? {})) params[key] = safeDecode(value);
      return { service: route.service, handler: route.handler, params };
    }
    return pathService ? { methodNotAllowed: true, service: pathService } : undefined;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

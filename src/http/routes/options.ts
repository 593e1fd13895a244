import type { ServiceDeps } from '../../services/context.ts';

export type HttpSettings = {
  sessionHours: number;
  secureCookies: boolean;
  signInRateLimitPerMinute: number;
};

export type RouteOptions = { deps: ServiceDeps; settings: HttpSettings };

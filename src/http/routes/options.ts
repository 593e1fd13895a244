import type { ServiceDeps } from '../../services/platform/context.ts';
import type { Mailer } from '../../services/platform/mailer.ts';

export type HttpSettings = {
  sessionHours: number;
  secureCookies: boolean;
  signInRateLimitPerMinute: number;
};

export type RouteOptions = { deps: ServiceDeps; settings: HttpSettings; mailer?: Mailer | null };

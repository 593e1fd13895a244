import type { ServiceDeps } from '../../services/context.ts';
import type { Mailer } from '../../services/mailer.ts';

export type HttpSettings = {
  sessionHours: number;
  secureCookies: boolean;
  signInRateLimitPerMinute: number;
};

export type RouteOptions = { deps: ServiceDeps; settings: HttpSettings; mailer?: Mailer | null };

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { webDistDir } from '../project-files.ts';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { ServiceDeps } from '../services/platform/context.ts';
import type { Mailer } from '../services/platform/mailer.ts';
import { registerAuthentication } from './authentication.ts';
import { errorHandler, sendProblem } from './errors.ts';
import { registerContactDetailsRule } from './contact-details.ts';
import { registerGracefulClose } from './graceful-close.ts';
import { registerIdempotency, type IdempotencySettings } from './idempotency.ts';
import { registerResponseContract } from './response-contract.ts';
import { validatorCompiler } from './validation.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { consentRoutes } from './routes/consents.ts';
import { customerRoutes } from './routes/customers.ts';
import { profilingObjectionRoutes } from './routes/profiling-objection.ts';
import type { HttpSettings } from './routes/options.ts';
import { outletRoutes } from './routes/outlets.ts';
import { productRoutes } from './routes/catalogue.ts';
import { giftCardRoutes } from './routes/gift-cards.ts';
import { groupRoutes } from './routes/customer-groups.ts';
import { loyaltyRoutes } from './routes/loyalty.ts';
import { storedValueRoutes } from './routes/stored-value.ts';
import { purchaseRoutes } from './routes/purchase-history.ts';
import { saleQuoteRoutes } from './routes/sale-quote.ts';
import { saleRoutes } from './routes/sales.ts';
import { receiptRoutes } from './routes/receipts.ts';
import { staffRoutes } from './routes/staff.ts';
import { setupRoutes } from './routes/setup.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { observeRequest } from '../services/platform/metrics.ts';
import { backupRoutes } from './routes/backups.ts';
import { rightsRequestRoutes } from './routes/rights-requests.ts';
import { insightRoutes } from './routes/insights.ts';
import { segmentRoutes } from './routes/segments.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { mailSettingsRoutes } from './routes/mail-settings.ts';
import { reconfirmRoutes } from './routes/reconfirm.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.ts';
import type { NightlyBackups } from '../services/backups/backup-schedule.ts';

export type AppDeps = {
  services: ServiceDeps;
  settings: HttpSettings;
  /** Sends e-receipts; without one, sending answers `mail_not_configured`. */
  mailer?: Mailer | null;
  logger?: FastifyBaseLogger | boolean;
  /** Tests: an answer with a status its route does not document fails loudly. */
  checkResponseContract?: boolean;
  /** Where the built web app lives; defaults to web/dist beside the package. */
  webDistDir?: string;
  /** CLIENTELE_METRICS_TOKEN: when set, GET /metrics wants it as a bearer token. */
  metricsToken?: string | null;
  /** The server's backups (POST/GET /api/v1/backups); absent, those routes are too. */
  backups?: NightlyBackups | null;
  idempotency?: IdempotencySettings;
};

/** Builds the whole HTTP app without listening, so tests drive it with `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const logging: FastifyServerOptions =
    typeof deps.logger === 'object'
      ? { loggerInstance: deps.logger }
      : { logger: deps.logger ?? false };
  const app = Fastify({
    ...logging,
    // Fastify's own request lines carry the URL, and a till search URL may hold a phone
    // number: they are off, and the onResponse hook below logs the route pattern instead.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: true,
    bodyLimit: 1_048_576,
    // A stop drains in-flight requests first (graceful-close.ts), which answers new ones
    // with its own problem+json 503 instead of Fastify's.
    forceCloseConnections: 'idle',
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  // First of the hooks: a request refused because the server is stopping touches nothing.
  registerGracefulClose(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    observeRequest({
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });

  await app.register(fastifyCookie);
  // preHandler, so the key can include the username from the parsed body.
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Clientele API',
        version: '1',
        description:
          'Customer management for retail point of sale. Errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'clientele_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuthentication(app, deps.services);
  registerIdempotency(app, deps.services, deps.idempotency);
  registerContactDetailsRule(app);
  registerResponseContract(app, { enforceAtRuntime: deps.checkResponseContract ?? false });
  const options = { deps: deps.services, settings: deps.settings, mailer: deps.mailer ?? null };
  await app.register(
    async (api) => {
      await api.register(authRoutes, options);
      await api.register(customerRoutes, options);
      await api.register(consentRoutes, options);
      await api.register(profilingObjectionRoutes, options);
      await api.register(staffRoutes, options);
      await api.register(setupRoutes, options);
      await api.register(auditRoutes, options);
      await api.register(outletRoutes, options);
      await api.register(saleRoutes, options);
      await api.register(saleQuoteRoutes, options);
      await api.register(purchaseRoutes, options);
      await api.register(productRoutes, options);
      await api.register(receiptRoutes, options);
      await api.register(giftCardRoutes, options);
      await api.register(storedValueRoutes, options);
      await api.register(loyaltyRoutes, options);
      await api.register(groupRoutes, options);
      await api.register(rightsRequestRoutes, options);
      await api.register(insightRoutes, options);
      await api.register(segmentRoutes, options);
      await api.register(campaignRoutes, options);
      await api.register(mailSettingsRoutes, options);
      if (deps.backups) await api.register(backupRoutes, { ...options, backups: deps.backups });
    },
    { prefix: '/api/v1' },
  );
  // Outside /api/v1: probes and metrics need no sign-in and show no one's data.
  await app.register(healthRoutes, options);
  await app.register(metricsRoutes, { token: deps.metricsToken ?? null });
  // The unsubscribe link in campaign emails: public, the signed token is the authority.
  await app.register(unsubscribeRoutes, options);
  // The re-confirm link in re-permission emails: public too, under its own signed token.
  await app.register(reconfirmRoutes, options);

  const webDist = deps.webDistDir ?? webDistDir;
  const webBuilt = existsSync(join(webDist, 'index.html'));
  if (webBuilt) await app.register(fastifyStatic, { root: webDist, wildcard: false });

  app.setNotFoundHandler((request, reply) => {
    if (
      request.url.startsWith('/api/') ||
      request.url.startsWith('/assets/') ||
      request.method !== 'GET'
    ) {
      return sendProblem(reply, {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        code: 'not_found',
        detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      });
    }
    // The web app routes in the browser: every other GET gets its page.
    if (!webBuilt) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web app is not built yet: run `npm run build:web`.');
    }
    return reply.sendFile('index.html');
  });

  return app;
}

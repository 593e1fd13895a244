import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  cancelCampaign,
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
} from '../../services/campaigns/campaign-control.ts';
import { previewCampaignFor, testSendCampaign } from '../../services/campaigns/campaign-preview.ts';
import { campaignResults } from '../../services/campaigns/campaign-results.ts';
import { defaultMailerFor } from '../../services/campaigns/campaign-sender.ts';
import {
  campaignView,
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../services/campaigns/campaigns.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import {
  CampaignAnswer,
  CampaignBody,
  CampaignList,
  CampaignPreview,
  CampaignResults,
  PreviewQuery,
  ScheduleBody,
  TestSendAnswer,
  TestSendBody,
} from '../schemas/campaigns.ts';
import { IdParams } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

/**
 * Email campaigns: marketers and admins (campaign.manage); a cashier records consent
 * but never sends. The sender in the server does the sending; these routes only change
 * what it is told to do.
 */
export const campaignRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['campaigns'];
  const preHandler = requirePermission('campaign.manage');
  const one = (campaign: unknown) => ({ campaign });

  app.get(
    '/campaigns',
    {
      preHandler,
      schema: { tags, summary: 'Campaigns, newest first', response: { 200: CampaignList } },
    },
    async () => ({ campaigns: await listCampaigns(deps) }),
  );

  app.post(
    '/campaigns',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Create a draft (the template is checked and compiled now)',
        body: CampaignBody,
        response: { 201: CampaignAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await createCampaign({ deps, actor: actorFrom(request), input: request.body }),
        one,
        201,
      ),
  );

  app.get(
    '/campaigns/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A campaign with its results (sent, failed, skipped by reason, control group)',
        params: IdParams,
        response: { 200: CampaignResults },
      },
    },
    async (request, reply) => answer(reply, await campaignResults(deps, request.params.id)),
  );

  app.put(
    '/campaigns/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change a draft',
        params: IdParams,
        body: CampaignBody,
        response: { 200: CampaignAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await updateCampaign({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          input: request.body,
        }),
        one,
      ),
  );

  app.get(
    '/campaigns/:id/preview',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The message as one customer would receive it (no contact details)',
        params: IdParams,
        querystring: PreviewQuery,
        response: { 200: CampaignPreview },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await previewCampaignFor(deps, {
          id: request.params.id,
          customerId: request.query.customerId,
        }),
        (preview) => ({ preview }),
      ),
  );

  app.post(
    '/campaigns/:id/test-send',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Send the message to one given address, as a test',
        params: IdParams,
        body: TestSendBody,
        response: { 200: TestSendAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await testSendCampaign({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          to: request.body.to,
          customerId: request.body.customerId ?? null,
          mailerFor: defaultMailerFor,
        }),
      ),
  );

  app.post(
    '/campaigns/:id/schedule',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Schedule a draft, or send it now (no scheduledAt)',
        params: IdParams,
        body: ScheduleBody,
        response: { 200: CampaignAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await scheduleCampaign({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          scheduledAt: request.body.scheduledAt ? new Date(request.body.scheduledAt) : null,
        }),
        one,
      ),
  );

  const controls = { pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign };
  for (const [action, control] of Object.entries(controls)) {
    app.post(
      `/campaigns/:id/${action}`,
      {
        preHandler,
        schema: {
          tags,
          summary: `${action[0]?.toUpperCase()}${action.slice(1)} the campaign (between two messages)`,
          params: IdParams,
          response: { 200: CampaignAnswer },
        },
      },
      async (request, reply) =>
        answer(
          reply,
          await control({ deps, actor: actorFrom(request), id: request.params.id }),
          one,
        ),
    );
  }

  // The campaign alone, for the editor (no counting).
  app.get(
    '/campaigns/:id/draft',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A campaign without results',
        params: IdParams,
        response: { 200: CampaignAnswer },
      },
    },
    async (request, reply) =>
      answer(reply, await getCampaign(deps, request.params.id), (row) => one(campaignView(row))),
  );
};

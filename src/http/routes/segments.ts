import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  boughtChoices,
  countDefinition,
  previewSavedSegment,
} from '../../services/segments/segment-audience.ts';
import {
  createCampaignSegment,
  deleteCampaignSegment,
  getCampaignSegment,
  listCampaignSegments,
  updateCampaignSegment,
} from '../../services/segments/segments.ts';
import { Readable } from 'node:stream';
import { exportSegmentSms } from '../../services/campaigns/sms-export.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { answer } from '../route-helpers.ts';
import { IdParams, NoContent } from '../schemas/platform.ts';
import {
  CampaignSegmentAnswer,
  CampaignSegmentChange,
  CampaignSegmentList,
  NewCampaignSegmentBody,
  SegmentChoices,
  SegmentCount,
  SegmentCountBody,
  SegmentPreview,
  SegmentPreviewQuery,
  SmsExportFile,
} from '../schemas/segments.ts';
import type { RouteOptions } from './options.ts';

/**
 * Campaign segments for the back office. Looking and counting: insights.read (marketer,
 * supervisor, admin; not a cashier). Saving, renaming, deleting: group.manage. Members
 * are shown by name and number only, so no contact detail reaches a marketer here.
 */
export const segmentRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['segments'];
  const read = requirePermission('insights.read');
  const manage = requirePermission('group.manage');
  const one = (segment: unknown) => ({ segment });

  app.get(
    '/segments',
    {
      preHandler: read,
      schema: { tags, summary: 'Saved segments', response: { 200: CampaignSegmentList } },
    },
    async () => ({ segments: await listCampaignSegments(deps) }),
  );

  app.get(
    '/segments/choices',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "The catalogue's categories and brands, for the bought criteria",
        response: { 200: SegmentChoices },
      },
    },
    async () => boughtChoices(deps),
  );

  app.post(
    '/segments/count',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'How many customers a definition holds now (not saved)',
        body: SegmentCountBody,
        response: { 200: SegmentCount },
      },
    },
    async (request, reply) => answer(reply, await countDefinition(deps, request.body.definition)),
  );

  app.post(
    '/segments',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Save a segment (criteria; members are worked out when it is used)',
        body: NewCampaignSegmentBody,
        response: { 201: CampaignSegmentAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await createCampaignSegment({ deps, actor: actorFrom(request), input: request.body }),
        one,
        201,
      ),
  );

  app.get(
    '/segments/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'One saved segment',
        params: IdParams,
        response: { 200: CampaignSegmentAnswer },
      },
    },
    async (request, reply) => answer(reply, await getCampaignSegment(deps, request.params.id), one),
  );

  app.patch(
    '/segments/:id',
    {
      preHandler: manage,
      schema: {
        tags,
        summary: 'Rename a segment and/or replace its criteria',
        params: IdParams,
        body: CampaignSegmentChange,
        response: { 200: CampaignSegmentAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await updateCampaignSegment({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          input: request.body,
        }),
        one,
      ),
  );

  app.delete(
    '/segments/:id',
    {
      preHandler: manage,
      schema: { tags, summary: 'Delete a segment', params: IdParams, response: { 204: NoContent } },
    },
    async (request, reply) => {
      const result = await deleteCampaignSegment({
        deps,
        actor: actorFrom(request),
        id: request.params.id,
      });
      return result.ok ? reply.code(204).send(null) : answer(reply, result);
    },
  );

  app.get(
    '/segments/:id/preview',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "A saved segment's members now, by name (name and customer number only)",
        params: IdParams,
        querystring: SegmentPreviewQuery,
        response: { 200: SegmentPreview },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await previewSavedSegment(deps, {
          id: request.params.id,
          page: request.query.page ?? 1,
          pageSize: request.query.pageSize ?? 25,
        }),
      ),
  );

  // Mobile numbers leave the system: both running campaigns and exporting customers.
  const smsExport = [requirePermission('campaign.manage'), requirePermission('customer.export')];
  app.get(
    '/segments/:id/sms-export',
    {
      preHandler: smsExport,
      schema: {
        tags,
        summary:
          "A saved segment's consenting mobile numbers as CSV for an outside SMS tool (customer_number, name, phone in E.164): latest SMS consent given and usable for sending, active customers with a phone not suppressed; audited as segment.sms_exported with the count",
        params: IdParams,
        response: { 200: SmsExportFile },
      },
    },
    async (request, reply) => {
      const exported = await exportSegmentSms({
        deps,
        actor: actorFrom(request),
        segmentId: request.params.id,
      });
      if (!exported.ok) return sendFailure(reply, exported);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="segment-sms-${request.params.id}.csv"`,
        )
        .send(Readable.from(exported.value.csv));
    },
  );
};

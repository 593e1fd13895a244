import type {
  CampaignSegmentAnswer,
  CampaignSegmentChange,
  CampaignSegmentList,
  NewCampaignSegmentBody,
  SegmentChoices,
  SegmentCount,
  SegmentCriteria,
  SegmentPreview,
} from '@contract/segments.ts';
import { request } from '../api.ts';

const id = encodeURIComponent;

/** The Segments API (/segments…): saved criteria, a live count, a preview by name. */
export const segmentsApi = {
  list: () => request<CampaignSegmentList>('GET', '/segments'),
  choices: () => request<SegmentChoices>('GET', '/segments/choices'),
  count: (definition: SegmentCriteria) =>
    request<SegmentCount>('POST', '/segments/count', { definition }),
  create: (body: NewCampaignSegmentBody, idempotencyKey: string) =>
    request<CampaignSegmentAnswer>('POST', '/segments', body, { idempotencyKey }),
  update: (segmentId: string, body: CampaignSegmentChange, idempotencyKey: string) =>
    request<CampaignSegmentAnswer>('PATCH', `/segments/${id(segmentId)}`, body, {
      idempotencyKey,
    }),
  remove: (segmentId: string) => request<void>('DELETE', `/segments/${id(segmentId)}`),
  preview: (segmentId: string, page: number, pageSize: number) =>
    request<SegmentPreview>(
      'GET',
      `/segments/${id(segmentId)}/preview?page=${page}&pageSize=${pageSize}`,
    ),
  /** The SMS list as a CSV file: a plain link, so the browser downloads it with the session. */
  smsExportUrl: (segmentId: string) => `/api/v1/segments/${id(segmentId)}/sms-export`,
};

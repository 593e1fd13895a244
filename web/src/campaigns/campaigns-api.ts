import type {
  CampaignAnswer,
  CampaignBody,
  CampaignList,
  CampaignPreview,
  CampaignResults,
  TestSendAnswer,
} from '@contract/campaigns.ts';
import { request } from '../api.ts';

const id = encodeURIComponent;

/** The Campaigns API (/campaigns…): drafts, sending and results. */
export const campaignsApi = {
  list: () => request<CampaignList>('GET', '/campaigns'),
  results: (campaignId: string) => request<CampaignResults>('GET', `/campaigns/${id(campaignId)}`),
  create: (body: CampaignBody) => request<CampaignAnswer>('POST', '/campaigns', body),
  update: (campaignId: string, body: CampaignBody) =>
    request<CampaignAnswer>('PUT', `/campaigns/${id(campaignId)}`, body),
  preview: (campaignId: string, customerId: string) =>
    request<CampaignPreview>(
      'GET',
      `/campaigns/${id(campaignId)}/preview?customerId=${id(customerId)}`,
    ),
  testSend: (campaignId: string, to: string, customerId: string | null) =>
    request<TestSendAnswer>('POST', `/campaigns/${id(campaignId)}/test-send`, { to, customerId }),
  schedule: (campaignId: string, scheduledAt: string | null) =>
    request<CampaignAnswer>('POST', `/campaigns/${id(campaignId)}/schedule`, { scheduledAt }),
  control: (campaignId: string, action: 'pause' | 'resume' | 'cancel') =>
    request<CampaignAnswer>('POST', `/campaigns/${id(campaignId)}/${action}`),
};

import { useEffect, useState } from 'react';
import type { Campaign, CampaignBody } from '@contract/campaigns.ts';

type CampaignPurpose = NonNullable<CampaignBody['purpose']>;
import type { CampaignSegment, SegmentPreview } from '@contract/segments.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { segmentsApi } from '../segments/segments-api.ts';
import { campaignsApi } from './campaigns-api.ts';

const starter: CampaignBody = {
  name: '',
  segmentId: '',
  subject: 'A treat for you, {{firstName}}',
  html: '<p>Hi {{firstName}},</p>\n<p>You have {{pointsBalance}} points: {{reachableReward}}.</p>\n<p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
  text: 'Hi {{firstName}},\n\nYou have {{pointsBalance}} points: {{reachableReward}}.\n\nUnsubscribe: {{unsubscribeUrl}}',
  controlShareBp: 1000,
  purpose: 'marketing',
};

/**
 * A re-permission draft starts from a message that asks, with the link that records the
 * answer, and with no control group: a customer held back would never be asked, and
 * their stale consent would simply lapse.
 */
const repermissionStarter: Pick<CampaignBody, 'subject' | 'html' | 'text' | 'controlShareBp'> = {
  controlShareBp: 0,
  subject: 'Shall we keep in touch, {{firstName}}?',
  html: '<p>Hi {{firstName}},</p>\n<p>You agreed to hear from us by email a while ago. Would you like us to keep writing?</p>\n<p><a href="{{reconfirm_link}}">Yes, keep sending me emails</a></p>\n<p>If not, do nothing: we will stop. <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
  text: 'Hi {{firstName}},\n\nWould you like us to keep sending you emails? Confirm here: {{reconfirm_link}}\n\nIf not, do nothing: we will stop. Unsubscribe: {{unsubscribeUrl}}',
};

const purposeHelp: Record<CampaignPurpose, string> = {
  marketing: 'Reaches customers whose email consent is given and up to date.',
  repermission:
    'Asks customers whose consent is stale (old, or given under an earlier wording) to confirm it; the body must hold {{reconfirm_link}}.',
};

function bodyOf(campaign: Campaign | null): CampaignBody {
  if (!campaign) return starter;
  const { name, segmentId, subject, html, text, controlShareBp, purpose } = campaign;
  return { name, segmentId, subject, html, text, controlShareBp, purpose };
}

/**
 * Switching purpose swaps the message, and the control share, only while each is still
 * the other purpose's untouched starter.
 */
function withPurpose(body: CampaignBody, purpose: CampaignPurpose): CampaignBody {
  const [from, to] =
    purpose === 'repermission' ? [starter, repermissionStarter] : [repermissionStarter, starter];
  const untouched =
    body.subject === from.subject && body.html === from.html && body.text === from.text;
  const message = untouched ? { subject: to.subject, html: to.html, text: to.text } : {};
  const control =
    body.controlShareBp === from.controlShareBp ? { controlShareBp: to.controlShareBp } : {};
  return { ...body, purpose, ...message, ...control };
}

/** How many the chosen segment holds now, and its first members to preview the message for. */
function useMembers(segmentId: string) {
  const [members, setMembers] = useState<{ total: number; items: SegmentPreview['items'] } | null>(
    null,
  );
  useEffect(() => {
    if (segmentId === '') return setMembers(null);
    let live = true;
    segmentsApi.preview(segmentId, 1, 10).then(
      (page) => live && setMembers({ total: page.total, items: page.items }),
      () => live && setMembers(null),
    );
    return () => {
      live = false;
    };
  }, [segmentId]);
  return members;
}

/**
 * A draft: segment (with its live count), subject, HTML and text with merge fields, the
 * control group's share. Saved drafts can be previewed for a member, test-sent, and sent
 * now or scheduled. The server checks the template and names the field at fault.
 */
export function CampaignEditor({
  campaign,
  segments,
  onSaved,
}: {
  campaign: Campaign | null;
  segments: CampaignSegment[];
  onSaved: (campaign: Campaign) => void;
}) {
  const [body, setBody] = useState<CampaignBody>(() => bodyOf(campaign));
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [previewFor, setPreviewFor] = useState('');
  const [preview, setPreview] = useState<{ subject: string; html: string; text: string } | null>(
    null,
  );
  const [testTo, setTestTo] = useState('');
  const [scheduleAt, setScheduleAt] = useState('');
  const members = useMembers(body.segmentId);
  const set = (change: Partial<CampaignBody>) => setBody((current) => ({ ...current, ...change }));

  async function run(action: () => Promise<string | null>) {
    setError(null);
    setNote(null);
    try {
      setNote(await action());
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const save = () =>
    run(async () => {
      const saved = campaign
        ? await campaignsApi.update(campaign.id, body)
        : await campaignsApi.create(body);
      onSaved(saved.campaign);
      return 'Saved.';
    });

  return (
    <section className="panel stack campaign-editor" data-testid="campaign-editor">
      <div className="campaign-row">
        <label>
          Name
          <input
            value={body.name}
            data-testid="campaign-name"
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label>
          Segment
          <select
            value={body.segmentId}
            data-testid="campaign-segment"
            onChange={(e) => set({ segmentId: e.target.value })}
          >
            <option value="">Choose…</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Purpose
          <select
            value={body.purpose ?? 'marketing'}
            data-testid="campaign-purpose"
            onChange={(e) =>
              setBody((current) => withPurpose(current, e.target.value as CampaignPurpose))
            }
          >
            <option value="marketing">Marketing</option>
            <option value="repermission">Re-permission</option>
          </select>
        </label>
        <p className="muted" data-testid="campaign-count">
          {members ? `${members.total} customers now` : ''}
        </p>
        <label className="narrow">
          Control %
          <input
            type="number"
            min={0}
            max={50}
            value={(body.controlShareBp ?? 1000) / 100}
            onChange={(e) => set({ controlShareBp: Math.round(Number(e.target.value) * 100) })}
          />
        </label>
      </div>
      <p className="muted" data-testid="campaign-purpose-help">
        {purposeHelp[body.purpose ?? 'marketing']}
      </p>
      <label>
        Subject
        <input value={body.subject} onChange={(e) => set({ subject: e.target.value })} />
      </label>
      <label>
        HTML body
        <textarea rows={6} value={body.html} onChange={(e) => set({ html: e.target.value })} />
      </label>
      <label>
        Plain text
        <textarea rows={4} value={body.text} onChange={(e) => set({ text: e.target.value })} />
      </label>
      <p className="muted">
        Merge fields:{' '}
        {'{{firstName}} {{pointsBalance}} {{reachableReward}} {{outlet}} {{unsubscribeUrl}}'}
        {body.purpose === 'repermission' ? ' {{reconfirm_link}}' : ''}
      </p>
      <div className="campaign-row">
        <button
          type="button"
          className="primary"
          data-testid="campaign-save"
          onClick={() => void save()}
        >
          Save draft
        </button>
      </div>
      {campaign && (
        <>
          <div className="campaign-row">
            <select
              value={previewFor}
              data-testid="campaign-preview-for"
              onChange={(e) => setPreviewFor(e.target.value)}
            >
              <option value="">Preview for…</option>
              {(members?.items ?? []).map((member) => (
                <option key={member.customerId} value={member.customerId}>
                  {member.name} ({member.number})
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={previewFor === ''}
              data-testid="campaign-preview-button"
              onClick={() =>
                void run(async () => {
                  setPreview((await campaignsApi.preview(campaign.id, previewFor)).preview);
                  return null;
                })
              }
            >
              Preview
            </button>
            <input
              placeholder="test@your-shop.example"
              value={testTo}
              onChange={(e) => setTestTo(e.target.value)}
            />
            <button
              type="button"
              onClick={() =>
                void run(async () => {
                  await campaignsApi.testSend(campaign.id, testTo, previewFor || null);
                  return `Test message sent to ${testTo}.`;
                })
              }
            >
              Test send
            </button>
          </div>
          <div className="campaign-row">
            <input
              type="datetime-local"
              aria-label="Send at"
              value={scheduleAt}
              onChange={(e) => setScheduleAt(e.target.value)}
            />
            <button
              type="button"
              className="primary"
              data-testid="campaign-send"
              onClick={() =>
                void run(async () => {
                  const at = scheduleAt === '' ? null : new Date(scheduleAt).toISOString();
                  onSaved((await campaignsApi.schedule(campaign.id, at)).campaign);
                  return at ? 'Scheduled.' : 'Sending now.';
                })
              }
            >
              {scheduleAt === '' ? 'Send now' : 'Schedule'}
            </button>
          </div>
        </>
      )}
      <ErrorText message={error} testId="campaign-error" />
      {note && <p className="ok">{note}</p>}
      {preview && (
        <div className="campaign-preview" data-testid="campaign-preview">
          <strong>{preview.subject}</strong>
          {/* A sandboxed frame: the marketer's own HTML, shown as a mail client would. */}
          <iframe title="Preview" sandbox="" srcDoc={preview.html} />
          <pre>{preview.text}</pre>
        </div>
      )}
    </section>
  );
}

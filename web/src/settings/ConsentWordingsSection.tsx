import { useCallback, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { consentApi, currentWording } from '../common/consent-api.ts';
import { channelLabel, channels, grantWording } from '../common/consent-wording.ts';
import { formatDateTime } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import { useSession } from '../session.ts';
import type { ConsentWording } from '@contract/consents.ts';
import type { ConsentChannel } from '@contract/customers.ts';

/**
 * The words customers are asked to agree to, per channel (F18). Each change is a new
 * version; consent given under an earlier one is stale and the till asks it again.
 */
export function ConsentWordingsSection() {
  const loader = useCallback(() => consentApi.wordings(), []);
  const wordings = useLoad(loader);
  return (
    <section className="stack" data-testid="consent-wordings">
      <h2>Consent wording</h2>
      <p className="muted">
        What the till asks customers to agree to. Changing it makes consent given under the earlier
        words stale: the till asks those customers again.
      </p>
      <ErrorText message={wordings.error} />
      {wordings.data !== null &&
        channels.map((channel) => (
          <WordingForm
            key={channel}
            channel={channel}
            wordings={wordings.data?.wordings ?? []}
            onSaved={wordings.reload}
          />
        ))}
    </section>
  );
}

function WordingForm({
  channel,
  wordings,
  onSaved,
}: {
  channel: ConsentChannel;
  wordings: readonly ConsentWording[];
  onSaved: () => void;
}) {
  const { settings } = useSession();
  const current = currentWording(wordings, channel);
  const [text, setText] = useState(current?.text ?? grantWording(channel, settings?.shopName));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const versions = wordings.filter((wording) => wording.channel === channel);
  const unchanged = current !== undefined && text.trim() === current.text;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || unchanged) return;
    if (text.trim() === '') return setError('The wording must not be empty.');
    setBusy(true);
    setError(null);
    consentApi
      .setWording({ channel, text: text.trim() })
      .then(() => {
        setSaved(true);
        onSaved();
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="stack" data-testid={`consent-wording-${channel}`} onSubmit={submit}>
      <label>
        {channelLabel[channel]}
        {current ? ` (version ${current.version} in use)` : ' (none set yet)'}
        <textarea
          rows={3}
          maxLength={2000}
          value={text}
          data-testid={`consent-wording-${channel}-text`}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
        />
      </label>
      <ErrorText message={error} />
      {saved && (
        <p className="note" role="status">
          Saved: from now on customers are asked in these words.
        </p>
      )}
      <div>
        <button
          type="submit"
          disabled={busy || unchanged}
          data-testid={`consent-wording-${channel}-save`}
        >
          {busy ? 'Saving…' : `Use this ${channelLabel[channel]} wording`}
        </button>
      </div>
      {versions.length > 0 && (
        <details>
          <summary>Versions ({versions.length})</summary>
          <ol className="history">
            {versions.map((version) => (
              <li key={version.id}>
                v{version.version}, {formatDateTime(version.createdAt)}
                {version.current ? ' (in use)' : ''}:{' '}
                <span className="wording">{version.text}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </form>
  );
}

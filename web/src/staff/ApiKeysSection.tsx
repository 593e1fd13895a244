import { useCallback, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatDateTime } from '../common/format.ts';
import { useLoad } from '../common/use-load.ts';
import type { Role } from '@contract/staff.ts';
import { RoleSelect } from './RoleSelect.tsx';

/** Keys for integrations (a POS or web shop). The secret exists only in the create answer. */
export function ApiKeysSection() {
  const loader = useCallback(() => api.apiKeys().then((answer) => answer.apiKeys), []);
  const keys = useLoad(loader);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    api
      .createApiKey({ name: name.trim(), role })
      .then((answer) => {
        setSecret({ name: answer.apiKey.name, value: answer.secret });
        setName('');
        keys.reload();
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  };

  const revoke = (id: string, keyName: string) => {
    if (!window.confirm(`Revoke the API key “${keyName}”? Integrations using it stop working.`)) {
      return;
    }
    api
      .revokeApiKey(id)
      .then(keys.reload)
      .catch((err: unknown) => setError(errorMessage(err)));
  };

  return (
    <section className="panel stack" data-testid="api-keys">
      <h2>API keys</h2>
      <ErrorText message={keys.error ?? error} />
      {secret !== null && (
        <div className="secret" role="status">
          <p>
            Secret for “{secret.name}” — copy it now (select it and press Ctrl+C). It is shown only
            once and cannot be recovered.
          </p>
          <input
            readOnly
            className="mono"
            value={secret.value}
            onFocus={(e) => e.target.select()}
            aria-label="API key secret"
            data-testid="api-key-secret"
          />
          <button type="button" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Prefix</th>
            <th>Created</th>
            <th>Revoked</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.data?.map((key) => (
            <tr key={key.id} className={key.revokedAt === null ? undefined : 'inactive'}>
              <td>{key.name}</td>
              <td>{key.role}</td>
              <td className="mono">{key.prefix}…</td>
              <td>{formatDateTime(key.createdAt)}</td>
              <td>{key.revokedAt === null ? '—' : formatDateTime(key.revokedAt)}</td>
              <td>
                {key.revokedAt === null && (
                  <button type="button" className="danger" onClick={() => revoke(key.id, key.name)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="row" onSubmit={create}>
        <label>
          Name
          <input
            autoComplete="off"
            required
            placeholder="e.g. Web shop"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          Role
          <RoleSelect value={role} onChange={setRole} />
        </label>
        <button type="submit" className="primary">
          Create key
        </button>
      </form>
    </section>
  );
}

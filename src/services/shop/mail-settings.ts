import {
  checkMailSettingsChange,
  defaultUnsubscribeLinkDays,
  isUnsubscribeLinkDays,
  type MailSettingsChange,
  type SmtpSettingsInput,
} from '../../domain/mail-settings.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import { selectSettings, upsertSetting } from '../../store/settings.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { ContactVault } from '../platform/contact-vault.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import type { SmtpSettings } from '../platform/mailer.ts';

/**
 * The shop's campaign mail settings, kept in the settings table beside the others: the
 * public address unsubscribe links start with, how long those links work, and the SMTP
 * server. The SMTP password is sealed under the master key the way contact details are
 * (its own wrapped data key) and never leaves this file in clear except to the mailer:
 * the API says only whether one is set.
 */
export type SmtpSettingsView = Omit<SmtpSettingsInput, 'password'> & { passwordSet: boolean };

export type MailSettings = {
  publicBaseUrl: string | null;
  unsubscribeLinkDays: number;
  smtp: SmtpSettingsView | null;
};

/** What the settings table holds under 'smtp'. */
type StoredSmtp = SmtpSettingsView & { password: { wrappedKey: string; sealed: string } | null };

const passwordField = 'smtp-password';

function storedSmtpOf(value: unknown): StoredSmtp | null {
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Partial<StoredSmtp>;
  if (typeof stored.host !== 'string' || typeof stored.port !== 'number') return null;
  return stored as StoredSmtp;
}

function viewOf(stored: StoredSmtp | null): SmtpSettingsView | null {
  if (!stored) return null;
  return {
    host: stored.host,
    port: stored.port,
    secure: stored.secure,
    user: stored.user,
    from: stored.from,
    ratePerSecond: stored.ratePerSecond,
    passwordSet: stored.password !== null,
  };
}

async function readStored(db: Db): Promise<{ settings: MailSettings; smtp: StoredSmtp | null }> {
  const stored = await selectSettings(db);
  const smtp = storedSmtpOf(stored.smtp);
  return {
    smtp,
    settings: {
      publicBaseUrl: typeof stored.publicBaseUrl === 'string' ? stored.publicBaseUrl : null,
      unsubscribeLinkDays: isUnsubscribeLinkDays(stored.unsubscribeLinkDays)
        ? stored.unsubscribeLinkDays
        : defaultUnsubscribeLinkDays,
      smtp: viewOf(smtp),
    },
  };
}

export async function getMailSettings(db: Db): Promise<MailSettings> {
  return (await readStored(db)).settings;
}

function sealPassword(vault: ContactVault, password: string): StoredSmtp['password'] {
  const { key, wrapped } = vault.newDataKey();
  return {
    wrappedKey: wrapped.toString('base64'),
    sealed: vault.seal(key, passwordField, password).toString('base64'),
  };
}

function openPassword(vault: ContactVault, sealed: NonNullable<StoredSmtp['password']>): string {
  const key = vault.unwrapDataKey(Buffer.from(sealed.wrappedKey, 'base64'));
  return vault.open(key, passwordField, Buffer.from(sealed.sealed, 'base64'));
}

/** The SMTP settings to store: a left-out password keeps the one stored (if still signing in). */
function nextSmtp(
  vault: ContactVault,
  input: SmtpSettingsInput,
  previous: StoredSmtp | null,
): StoredSmtp {
  const { password, ...rest } = input;
  const kept = input.user === null ? null : (previous?.password ?? null);
  const sealed = typeof password === 'string' ? sealPassword(vault, password) : null;
  const next = password === undefined ? kept : sealed;
  return { ...rest, passwordSet: next !== null, password: next };
}

/** Checks and writes a change (admins: settings.manage), audited without the password. */
export async function updateMailSettings({
  deps,
  actor,
  changes,
}: {
  deps: ServiceDeps;
  actor: Actor;
  changes: MailSettingsChange;
}): Promise<Result<MailSettings>> {
  return inTransaction(deps.db, async (trx) => {
    const { smtp: previous } = await readStored(trx);
    const checked = checkMailSettingsChange(changes, {
      passwordStored: previous?.password != null,
    });
    if (!checked.ok) return checked;
    const { publicBaseUrl, unsubscribeLinkDays, smtp } = checked.value;
    if (publicBaseUrl !== undefined) await upsertSetting(trx, 'publicBaseUrl', publicBaseUrl);
    if (unsubscribeLinkDays !== undefined) {
      await upsertSetting(trx, 'unsubscribeLinkDays', unsubscribeLinkDays);
    }
    if (smtp !== undefined) {
      await upsertSetting(trx, 'smtp', smtp === null ? null : nextSmtp(deps.vault, smtp, previous));
    }
    const detail: Record<string, unknown> = { ...checked.value };
    if (smtp) detail.smtp = { ...smtp, password: smtp.password === undefined ? 'kept' : 'changed' };
    await recordAudit({ db: trx, actor, entry: { action: 'settings.updated', detail } });
    return ok((await readStored(trx)).settings);
  });
}

/** The SMTP server to send campaigns through, password opened; refused when not set up. */
export async function smtpForSending(
  deps: ServiceDeps,
): Promise<Result<SmtpSettings & { ratePerSecond: number }>> {
  const { smtp } = await readStored(deps.db);
  if (!smtp) {
    return fail('mail_not_configured', 'Set up the SMTP server in Settings first', {
      field: 'smtp',
    });
  }
  return ok({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    user: smtp.user,
    password: smtp.password ? openPassword(deps.vault, smtp.password) : null,
    from: smtp.from,
    ratePerSecond: smtp.ratePerSecond,
  });
}

/** The address unsubscribe links start with; refused when not set, since no email may go without one. */
export async function publicBaseUrlForSending(db: Db): Promise<Result<string>> {
  const { publicBaseUrl } = await getMailSettings(db);
  if (publicBaseUrl === null) {
    return fail('validation_failed', 'Set the public base URL in Settings first', {
      field: 'publicBaseUrl',
    });
  }
  return ok(publicBaseUrl);
}

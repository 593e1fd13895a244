import type { FastifyReply } from 'fastify';
import { sessionCookie } from './authentication.ts';
import type { HttpSettings } from './routes/options.ts';

/** The session cookie as every sign-in sets it: httpOnly, same-site strict, for the whole app. */
export function setSessionCookie(
  reply: FastifyReply,
  settings: HttpSettings,
  session: { token: string; expiresAt: Date },
): void {
  reply.setCookie(sessionCookie, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
}

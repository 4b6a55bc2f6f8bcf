/**
 * Session. The active user's email is '' wherever the script runs without that user's
 * authorisation, "like a simple onOpen(e) or onEdit(e) trigger"
 * (https://developers.google.com/apps-script/reference/base/user#getEmail()): the emulator
 * returns '' unless the execution runs in AuthMode.FULL.
 */
import { createHash } from 'node:crypto';
import type { ServiceHost } from '../execution';
import { apiObject } from '../guard';

function userWithEmail(host: ServiceHost, email: string): GoogleAppsScript.Base.User {
  const user = apiObject('User', {
    getEmail() {
      host.call('User', 'getEmail');
      return email;
    },
  });
  return user as unknown as GoogleAppsScript.Base.User; // deprecated getters not emulated
}

export function createSession(host: ServiceHost): GoogleAppsScript.Base.Session {
  const emailIfAuthorized = () => (host.authMode === 'FULL' ? host.user : '');
  const session = {
    getActiveUser() {
      host.call('Session', 'getActiveUser');
      return userWithEmail(host, emailIfAuthorized());
    },
    /** Installable triggers run as their creator, which host.user already is. */
    getEffectiveUser() {
      host.call('Session', 'getEffectiveUser');
      return userWithEmail(host, emailIfAuthorized());
    },
    getScriptTimeZone() {
      host.call('Session', 'getScriptTimeZone', { needsAuthorization: false });
      return host.scriptTimeZone;
    },
    getActiveUserLocale() {
      host.call('Session', 'getActiveUserLocale', { needsAuthorization: false });
      return 'en';
    },
    /** Unique to the user without revealing who it is; stable (Google rotates it monthly). */
    getTemporaryActiveUserKey() {
      host.call('Session', 'getTemporaryActiveUserKey', { needsAuthorization: false });
      return createHash('sha256').update(`kartoteka:${host.user}`).digest('base64');
    },
  };
  return session as unknown as GoogleAppsScript.Base.Session; // deprecated methods omitted
}

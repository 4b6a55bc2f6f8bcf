/**
 * Session. In a simple trigger that runs without authorisation (AuthMode.NONE/LIMITED)
 * Google hides the user's email: getActiveUser().getEmail() returns ''.
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 */
import type { ServiceHost } from '../execution';

export function createSession(host: ServiceHost) {
  const user = (email: string) => ({
    getEmail: () => email,
    toString: () => email,
  });
  return {
    getActiveUser() {
      host.call('Session', 'getActiveUser');
      return user(host.authMode === 'FULL' ? host.user : '');
    },
    getEffectiveUser() {
      host.call('Session', 'getEffectiveUser');
      return user(host.authMode === 'FULL' ? host.user : '');
    },
    getScriptTimeZone(): string {
      host.call('Session', 'getScriptTimeZone', { needsAuthorization: false });
      return host.scriptTimeZone;
    },
    getActiveUserLocale(): string {
      host.call('Session', 'getActiveUserLocale', { needsAuthorization: false });
      return 'en';
    },
    getTemporaryActiveUserKey(): string {
      host.call('Session', 'getTemporaryActiveUserKey');
      return Buffer.from(`${host.user}:${host.state.id}`).toString('base64url');
    },
  };
}

/**
 * Which users have granted which of the script's scopes, for the local runtime. Every user
 * starts with all requested scopes granted (they authorised the add-on when they installed
 * it); tests revoke some or all of them to emulate a user who removed the add-on's access in
 * their Google Account, or an update that added a scope they have not yet granted. Using the
 * add-on again (a menu action) shows Google's consent dialog and grants them back
 * (https://developers.google.com/apps-script/guides/support/troubleshooting: "If an add-on
 * causes this, use the add-on again to re-authorize").
 */
import type { ScopeGrant } from './execution';
import { ALL_SCOPES, AUTHORIZATION_REQUIRED_MESSAGE, notSufficientMessage } from './scopes';

export class Authorizations {
  private readonly revokedByUser = new Map<string, Set<string>>();

  /** @param requested the manifest's oauthScopes; absent, every scope the emulator knows. */
  constructor(private readonly requested: readonly string[] = ALL_SCOPES) {}

  /** Takes `scopes` (default: every requested scope) away from `user`. */
  revoke(user: string, scopes: readonly string[] = this.requested): void {
    const revoked = this.revokedByUser.get(user) ?? new Set<string>();
    for (const scope of scopes) revoked.add(scope);
    this.revokedByUser.set(user, revoked);
  }

  /** The user went through the consent dialog: every requested scope is granted again. */
  authorize(user: string): void {
    this.revokedByUser.delete(user);
  }

  grantFor(user: string): ScopeGrant {
    return { requested: this.requested, revoked: this.revokedByUser.get(user) ?? new Set() };
  }
}

/** Whether a grant allows a call that any one of `scopes` allows. */
export function grantAllows(grant: ScopeGrant, scopes: readonly string[]): boolean {
  return scopes.some((scope) => grant.requested.includes(scope) && !grant.revoked.has(scope));
}

/**
 * Why a call that any one of `scopes` allows fails for this grant, or null when it may run:
 * the manifest does not ask for any of them (the script can never make the call), or the
 * user has not granted the ones it asks for.
 */
export function scopeError(
  key: string,
  scopes: readonly string[],
  grant: ScopeGrant,
): string | null {
  if (!scopes.some((scope) => grant.requested.includes(scope))) {
    return notSufficientMessage(key, scopes);
  }
  return grantAllows(grant, scopes) ? null : AUTHORIZATION_REQUIRED_MESSAGE;
}

import type { ApiToken, AuditEntry, SignedIn, UserAccount } from '#scheduling';

/** An account as the API shows it: never the password hash. */
export const userResponse = (user: UserAccount) => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  institutionId: user.institutionId,
  instructorId: user.instructorId,
  locale: user.locale,
  createdAt: user.createdAt,
});

export const signedInResponse = (signedIn: SignedIn) => ({
  tokenType: 'Bearer',
  accessToken: signedIn.accessToken,
  expiresIn: signedIn.expiresIn,
  refreshToken: signedIn.refreshToken,
  refreshExpiresAt: signedIn.refreshExpiresAt,
  user: userResponse(signedIn.user),
});

export const apiTokenResponse = (token: ApiToken) => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt,
  revokedAt: token.revokedAt,
});

export const auditEntryResponse = (entry: AuditEntry) => ({ ...entry });

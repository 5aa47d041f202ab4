import { jwtVerify, SignJWT } from 'jose';
import type { DateTime } from 'luxon';
import { AccessTokens, type AccessClaims } from '#scheduling';

const ISSUER = 'east-west-scheduler';
const AUDIENCE = 'api';

/** HS256 JWT access tokens: `sub` the user, `fam` the sign-in family. Times come from the injected clock. */
export class JoseAccessTokens extends AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    super();
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: AccessClaims, now: DateTime, ttlMinutes: number): Promise<string> {
    const issuedAt = Math.floor(now.toSeconds());
    return new SignJWT({ fam: claims.familyId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlMinutes * 60)
      .sign(this.key);
  }

  async verify(token: string, now: DateTime): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now.toJSDate(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.fam !== 'string') return null;
      return { userId: payload.sub, familyId: payload.fam };
    } catch {
      return null;
    }
  }
}

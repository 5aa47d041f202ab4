import { describe, expect, it } from '@jest/globals';
import { hashPassword, verifyPassword } from './passwords.js';

describe('password hashing (scrypt)', () => {
  it('stores a self-describing salted hash and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain('correct');
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts each hash, and treats composed and decomposed Unicode alike', async () => {
    const [a, b] = await Promise.all([hashPassword('密码Pässwort'), hashPassword('密码Pässwort')]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('密码Pa\u0308sswort', a)).resolves.toBe(true);
  });

  it.each(['', 'plain', '$argon2id$v=19$m=65536,t=3,p=4$abc$def', '$scrypt$ln=15,r=8,p=1$salt'])(
    'refuses a malformed hash %p',
    async (stored) => {
      await expect(verifyPassword('anything', stored)).resolves.toBe(false);
    },
  );
});

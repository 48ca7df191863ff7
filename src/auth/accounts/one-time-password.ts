import { randomInt } from 'node:crypto';
import { passwordProblem } from '../passwords/password-policy';

/** No 0/O, 1/l/I: the password is read off a screen and typed or dictated once. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 16;

/**
 * A random password an admin hands to a user once (new account, reset). 16 characters of a 55-letter alphabet is
 * about 92 bits; drawn until the password policy accepts it (almost always the first draw).
 */
export function oneTimePassword(minLength: number, common: ReadonlySet<string>): string {
  for (;;) {
    let pw = '';
    for (let i = 0; i < Math.max(LENGTH, minLength); i++) pw += ALPHABET[randomInt(ALPHABET.length)];
    if (!passwordProblem({ password: pw, minLength, common })) return pw;
  }
}

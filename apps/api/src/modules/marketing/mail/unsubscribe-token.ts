import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of an unsubscribe link: the address and an HMAC of it under a key derived
 * from the access-token secret, so nobody can unsubscribe an address they only guessed.
 * No expiry: a link in a years-old mail must still work (the law asks for that).
 */
export function unsubscribeToken(address: string, secret: string): string {
  return `${Buffer.from(address, 'utf8').toString('base64url')}.${sign(address, secret)}`;
}

/** The address a valid token names; null for a forged or broken one. */
export function addressOfToken(token: string, secret: string): string | null {
  const [encoded, mac] = token.split('.');
  if (!encoded || !mac || token.split('.').length !== 2) return null;
  const address = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(address, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? address : null;
}

function sign(address: string, secret: string): string {
  return createHmac('sha256', `unsubscribe:${secret}`).update(address.toLowerCase()).digest('base64url').slice(0, 32);
}

/**
 * PostgreSQL write-ahead-log positions ("16/B374D848"): two 32-bit hex halves. As a
 * bigint they compare and subtract like the server's own pg_lsn type.
 */
export function parseLsn(text: string | null | undefined): bigint | null {
  if (typeof text !== 'string') return null;
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * Masking of personal data for roles that do not need to see it.
 */

/** `13812345678` → `138****5678`; other formats keep only their last 4 characters. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\s+/g, '');
  if (/^1[0-9]{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** `张三丰` → `张**`: keeps the family name only. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

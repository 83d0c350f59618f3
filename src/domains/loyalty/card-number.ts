/**
 * Card numbers: 4-digit workspace prefix, 9-digit sequence, 1 Luhn check digit (14 digits).
 * The database computes the same number in SQL (loyalty_card_number, migration 0007) when it
 * opens an account inside the event ingest statement; this module validates what people type.
 */

/** The Luhn check digit for a string of digits (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    // The rightmost payload digit sits next to the check digit, so it is the first doubled.
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - (sum % 10)) % 10;
}

export function cardNumber(prefix: string, seq: number): string {
  const payload = prefix + String(seq).padStart(9, '0');
  return payload + luhnCheckDigit(payload);
}

/** Spaces and dashes people type are ignored; returns the bare digits or null if invalid. */
export function parseCardNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^[0-9]{14}$/.test(digits)) return null;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1)) ? digits : null;
}

/** Grouped for reading on a card: 1234 5678 9012 34. */
export function formatCardNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

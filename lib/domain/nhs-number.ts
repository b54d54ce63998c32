/**
 * NHS number (NHS Data Dictionary): ten digits; multiply digits 1-9 by weights 10..2, sum, take the remainder
 * mod 11; the check digit is 11 - remainder, where 11 becomes 0 and 10 means the number is invalid.
 */

export type NhsNumberProblem = "empty" | "not_ten_digits" | "bad_check_digit";

export type NhsNumberCheck = { valid: true; digits: string } | { valid: false; problem: NhsNumberProblem; message: string };

const MESSAGES: Record<NhsNumberProblem, string> = {
  empty: "Enter the NHS number",
  not_ten_digits: "An NHS number has 10 digits",
  bad_check_digit: "This is not a valid NHS number: check the digits",
};

/** Spaces and hyphens are allowed as typed ("943 476 5919"); anything else is not. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function checkNhsNumber(input: string): NhsNumberCheck {
  const digits = normaliseNhsNumber(input);
  const fail = (problem: NhsNumberProblem): NhsNumberCheck => ({ valid: false, problem, message: MESSAGES[problem] });
  if (digits.length === 0) return fail("empty");
  if (!/^\d{10}$/.test(digits)) return fail("not_ten_digits");
  if (nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return fail("bad_check_digit");
  return { valid: true, digits };
}

export function isValidNhsNumber(input: string): boolean {
  return checkNhsNumber(input).valid;
}

/** Shown 3-3-4: "943 476 5919". Anything that is not ten digits is returned as given. */
export function formatNhsNumber(input: string): string {
  const digits = normaliseNhsNumber(input);
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : input;
}

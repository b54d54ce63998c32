import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkNhsNumber, formatNhsNumber, isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from "./nhs-number";

// pathway.md's example, "943 476 5919".
const KNOWN_VALID = "9434765919";
const WRONG_CHECK_DIGIT = "9434765918";

/** The first nine digits of a number whose Modulus 11 check value is 10, so no final digit can make it valid. */
function findCheckDigitTenPrefix(): string {
  for (let n = 999_000_000; n <= 999_999_999; n++) {
    const candidate = String(n);
    if (nhsCheckDigit(candidate) === null) return candidate;
  }
  throw new Error("no first-nine digits with check value 10 found starting 999");
}
const CHECK_DIGIT_TEN_PREFIX = findCheckDigitTenPrefix();

const nineDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((ds) => ds.join(""));

describe("nhsCheckDigit", () => {
  it.each([
    { name: "pathway.md example", firstNine: "943476591", expected: 9 },
    // 4*10 = 40; 40 mod 11 = 7; 11 - 7 = 4
    { name: "hand-computed", firstNine: "400000000", expected: 4 },
    // sum 0: remainder 0; 11 - 0 = 11, which becomes 0
    { name: "all zeros (11 becomes 0)", firstNine: "000000000", expected: 0 },
    // 1*10 = 10: remainder 10; 11 - 10 = 1
    { name: "remainder 10", firstNine: "100000000", expected: 1 },
    // 1*9 = 9: remainder 9; 11 - 9 = 2
    { name: "second weight is 9", firstNine: "010000000", expected: 2 },
    // 1*3 = 3: 11 - 3 = 8
    { name: "eighth weight is 3", firstNine: "000000010", expected: 8 },
    // 1*2 = 2: 11 - 2 = 9
    { name: "last weight is 2", firstNine: "000000001", expected: 9 },
    // 5*2 = 10: remainder 10; 11 - 10 = 1
    { name: "remainder 10 via last digit", firstNine: "000000005", expected: 1 },
  ])("$name: $firstNine -> $expected", ({ firstNine, expected }) => {
    expect(nhsCheckDigit(firstNine)).toBe(expected);
  });

  it("returns null when 11 - remainder is 10 (remainder 1)", () => {
    // "000000006": 6*2 = 12, 12 mod 11 = 1, 11 - 1 = 10 -> invalid
    expect(nhsCheckDigit("000000006")).toBeNull();
    expect(nhsCheckDigit(CHECK_DIGIT_TEN_PREFIX)).toBeNull();
  });
});

describe("checkNhsNumber", () => {
  it.each([
    { name: "plain ten digits", input: "9434765919" },
    { name: "spaces 3-3-4", input: "943 476 5919" },
    { name: "hyphens 3-3-4", input: "943-476-5919" },
    { name: "surrounding whitespace", input: " 9434765919 " },
  ])("accepts $name ($input)", ({ input }) => {
    expect(checkNhsNumber(input)).toEqual({ valid: true, digits: KNOWN_VALID });
    expect(isValidNhsNumber(input)).toBe(true);
  });

  it.each([
    { name: "empty string", input: "", problem: "empty" },
    { name: "only separators", input: " - ", problem: "empty" },
    { name: "nine digits", input: "943476591", problem: "not_ten_digits" },
    { name: "eleven digits", input: "94347659190", problem: "not_ten_digits" },
    { name: "letters", input: "94347659AB", problem: "not_ten_digits" },
    { name: "all letters", input: "abcdefghij", problem: "not_ten_digits" },
    { name: "other separator (dot)", input: "943.476.5919", problem: "not_ten_digits" },
    { name: "wrong check digit", input: WRONG_CHECK_DIGIT, problem: "bad_check_digit" },
    { name: "wrong check digit with spaces", input: "943 476 5918", problem: "bad_check_digit" },
  ] as const)("rejects $name ($input) as $problem", ({ input, problem }) => {
    const result = checkNhsNumber(input);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.problem).toBe(problem);
    expect(result.message).toBe(
      {
        empty: "Enter the NHS number",
        not_ten_digits: "An NHS number has 10 digits",
        bad_check_digit: "This is not a valid NHS number: check the digits",
      }[problem],
    );
    expect(isValidNhsNumber(input)).toBe(false);
  });

  it(`the brute-forced prefix starts 999 and has check value 10 (${CHECK_DIGIT_TEN_PREFIX})`, () => {
    expect(CHECK_DIGIT_TEN_PREFIX).toMatch(/^999\d{6}$/);
    const sum = [...CHECK_DIGIT_TEN_PREFIX].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
    expect(11 - (sum % 11)).toBe(10);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])("rejects a check-value-10 number whatever its final digit (%i)", (last) => {
    const result = checkNhsNumber(`${CHECK_DIGIT_TEN_PREFIX}${last}`);
    expect(result).toMatchObject({ valid: false, problem: "bad_check_digit" });
  });
});

describe("normaliseNhsNumber / formatNhsNumber", () => {
  it.each([
    { input: "943 476 5919", expected: "9434765919" },
    { input: "943-476-5919", expected: "9434765919" },
    { input: "\t943 476-5919\n", expected: "9434765919" },
  ])("normalises $input", ({ input, expected }) => {
    expect(normaliseNhsNumber(input)).toBe(expected);
  });

  it.each([
    { name: "plain", input: "9434765919", expected: "943 476 5919" },
    { name: "already formatted", input: "943 476 5919", expected: "943 476 5919" },
    { name: "hyphens", input: "943-476-5919", expected: "943 476 5919" },
    // Formatting is about shape only, not validity.
    { name: "ten digits with a bad check digit", input: "9434765918", expected: "943 476 5918" },
    { name: "nine digits unchanged", input: "943476591", expected: "943476591" },
    { name: "eleven digits unchanged", input: "94347659190", expected: "94347659190" },
    { name: "letters unchanged", input: "94347A5919", expected: "94347A5919" },
    { name: "nine digits with separators unchanged", input: "943-476 591", expected: "943-476 591" },
    { name: "empty unchanged", input: "", expected: "" },
  ])("formats $name: $input -> $expected", ({ input, expected }) => {
    expect(formatNhsNumber(input)).toBe(expected);
  });
});

describe("properties", () => {
  it("appending the check digit to nine digits gives a valid number", () => {
    fc.assert(
      fc.property(nineDigits, (firstNine) => {
        const check = nhsCheckDigit(firstNine);
        fc.pre(check !== null);
        const full = `${firstNine}${check}`;
        expect(checkNhsNumber(full)).toEqual({ valid: true, digits: full });
      }),
    );
  });

  /*
   * Modulus 11 with weights 10..2 detects every single-digit error, in all ten positions:
   * - in positions 1-9 a change of d (1 <= |d| <= 9) moves the sum by w*d with 2 <= w <= 10; 11 is prime, so
   *   w*d is never 0 mod 11 and the remainder changes. Remainder -> check value is one-to-one (0 -> 0, 1 -> none,
   *   r -> 11 - r), so the expected check digit changes or becomes "none" and the old final digit no longer fits.
   * - in position 10 the expected check digit is unchanged and the given one is different.
   */
  it("changing any single digit of a valid number to a different digit makes it invalid", () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (firstNine, position, shift) => {
        const check = nhsCheckDigit(firstNine);
        fc.pre(check !== null);
        const digits = [...`${firstNine}${check}`].map(Number);
        digits[position] = ((digits[position] as number) + shift) % 10;
        const mutated = digits.join("");
        expect(checkNhsNumber(mutated)).toMatchObject({ valid: false, problem: "bad_check_digit" });
      }),
      { numRuns: 2000 },
    );
  });

  it("exhaustively: every single-digit change of the known valid number is rejected", () => {
    let tried = 0;
    for (let position = 0; position < 10; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (KNOWN_VALID[position] === String(digit)) continue;
        const mutated = `${KNOWN_VALID.slice(0, position)}${digit}${KNOWN_VALID.slice(position + 1)}`;
        expect(isValidNhsNumber(mutated), mutated).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(90);
  });
});

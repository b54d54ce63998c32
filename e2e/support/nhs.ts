import { nhsCheckDigit } from "@/lib/domain/nhs-number";

/** A synthetic NHS number (999..., passing Modulus 11), new on every run so runs never collide. */
export function syntheticNhsNumber(): string {
  for (;;) {
    const firstNine = `999${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
}

import { z } from "zod";
import { PATHWAY_SETTING_SOURCES, type PathwaySettings } from "@/lib/domain/clocks";

const MAX_HOURS = 30 * 24;

/** A target typed in hours (quarters allowed), stored in whole minutes. */
const hours = (label: string) =>
  z
    .string({ error: `Enter the target for ${label} in hours` })
    .trim()
    .min(1, `Enter the target for ${label} in hours`)
    .transform(Number)
    .pipe(
      z
        .number({ error: `Enter a number of hours for ${label}` })
        .refine((h) => Number.isFinite(h), `Enter a number of hours for ${label}`)
        .refine((h) => h >= 0.25 && h <= MAX_HOURS, `${label}: between 0.25 and ${MAX_HOURS} hours`)
        .refine((h) => Number.isInteger(h * 4), `${label}: use quarter hours (for example 1.5 or 0.25)`)
        .transform((h) => Math.round(h * 60)),
    );

const keys = Object.keys(PATHWAY_SETTING_SOURCES) as (keyof PathwaySettings)[];
export const TARGET_KEYS = keys.filter((k): k is Exclude<keyof PathwaySettings, "atRiskFraction"> => k !== "atRiskFraction");

/** The admin form: targets in hours, the at-risk warning as a percentage, and the version it was based on. */
export const pathwaySettingsInput = z
  .object({
    basedOnVersionId: z.coerce.number({ error: "Missing version" }).int().min(0),
    atRiskPercent: z
      .string({ error: "Enter the at-risk warning as a percentage" })
      .trim()
      .min(1, "Enter the at-risk warning as a percentage")
      .transform(Number)
      .pipe(
        z
          .number({ error: "Enter a whole percentage" })
          .int("Enter a whole percentage")
          .min(5, "The at-risk warning must be between 5 % and 99 %")
          .max(99, "The at-risk warning must be between 5 % and 99 %"),
      ),
    ...Object.fromEntries(TARGET_KEYS.map((k) => [k, hours(PATHWAY_SETTING_SOURCES[k].label)])),
  })
  .transform((v) => {
    const record = v as unknown as Record<string, number>;
    const settings = { atRiskFraction: v.atRiskPercent / 100 } as PathwaySettings;
    for (const k of TARGET_KEYS) settings[k] = record[k] as number;
    return { basedOnVersionId: v.basedOnVersionId, settings };
  });

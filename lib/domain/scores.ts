/**
 * The scores of pathway.md ("Scores the product calculates"), as pure functions: each takes the components as
 * chosen on a form and returns the total, its band and what the band means. The product calculates and keeps;
 * the clinician decides.
 */

// SINS: Spinal Instability Neoplastic Score (Fisher et al., Spine 2010), 0-18.
export const SINS_COMPONENTS = {
  location: { junctional: 3, mobile: 2, semi_rigid: 1, rigid: 0 },
  pain: { mechanical: 3, occasional_non_mechanical: 1, none: 0 },
  lesion: { lytic: 2, mixed: 1, blastic: 0 },
  alignment: { subluxation_translation: 4, de_novo_deformity: 2, normal: 0 },
  collapse: { over_50_percent: 3, under_50_percent: 2, none_but_over_50_percent_involved: 1, none: 0 },
  posterolateral: { bilateral: 3, unilateral: 1, none: 0 },
} as const;

export type SinsComponent = keyof typeof SINS_COMPONENTS;
export type SinsInput = { [K in SinsComponent]: keyof (typeof SINS_COMPONENTS)[K] };
export type SinsBand = "stable" | "potentially_unstable" | "unstable";

export const SINS_BAND_LABELS: Record<SinsBand, string> = {
  stable: "Stable (0-6)",
  potentially_unstable: "Potentially unstable (7-12)",
  unstable: "Unstable (13-18)",
};

/** The points of each chosen component, added up; a value not in the table is refused, never counted as 0. */
function sumComponents(name: string, table: Record<string, Record<string, number>>, input: Record<string, string>): number {
  let total = 0;
  for (const [component, values] of Object.entries(table)) {
    const chosen = input[component];
    const points = chosen === undefined || !Object.hasOwn(values, chosen) ? undefined : values[chosen];
    if (points === undefined) throw new RangeError(`${name} ${component}: choose one of ${Object.keys(values).join(", ")}`);
    total += points;
  }
  return total;
}

export function sinsScore(input: SinsInput): { total: number; band: SinsBand; surgicalOpinionAdvised: boolean } {
  const total = sumComponents("SINS", SINS_COMPONENTS, input);
  const band: SinsBand = total <= 6 ? "stable" : total <= 12 ? "potentially_unstable" : "unstable";
  // pathway.md: 7 or more, a spinal surgical opinion.
  return { total, band, surgicalOpinionAdvised: total >= 7 };
}

// Neurological function and performance status: stored as graded, never converted into one another.
export const FRANKEL_GRADES = ["A", "B", "C", "D", "E"] as const;
export type FrankelGrade = (typeof FRANKEL_GRADES)[number];
export const ASIA_GRADES = ["A", "B", "C", "D", "E"] as const;
export type AsiaGrade = (typeof ASIA_GRADES)[number];
export const ECOG_GRADES = [0, 1, 2, 3, 4] as const;
export type EcogGrade = (typeof ECOG_GRADES)[number];
export const KARNOFSKY_SCORES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] as const;
export type KarnofskyScore = (typeof KARNOFSKY_SCORES)[number];

/**
 * A later grade worse than an earlier one: deterioration to show at a glance. Frankel and ASIA run A (worst) to
 * E (normal); ECOG 0 (fully active) to 4 (bedbound); Karnofsky 100 (normal) down to 0.
 */
export function hasDeteriorated(
  scale: "frankel" | "asia" | "ecog" | "karnofsky",
  earlier: string | number,
  later: string | number,
): boolean {
  switch (scale) {
    case "frankel":
    case "asia":
      return String(later) < String(earlier);
    case "ecog":
      return Number(later) > Number(earlier);
    case "karnofsky":
      return Number(later) < Number(earlier);
  }
}

// Revised Tokuhashi (Tokuhashi et al., Spine 2005), 0-15.
export const TOKUHASHI_COMPONENTS = {
  generalCondition: { kps_10_40: 0, kps_50_70: 1, kps_80_100: 2 },
  extraspinalBoneMetastases: { three_or_more: 0, one_or_two: 1, none: 2 },
  vertebralMetastases: { three_or_more: 0, two: 1, one: 2 },
  majorOrganMetastases: { unremovable: 0, removable: 1, none: 2 },
  primarySite: {
    // lung, osteosarcoma, stomach, bladder, oesophagus, pancreas
    lung_stomach_bladder_oesophagus_pancreas_osteosarcoma: 0,
    liver_gallbladder_unknown: 1,
    other: 2,
    kidney_uterus: 3,
    rectum: 4,
    thyroid_breast_prostate_carcinoid: 5,
  },
  palsy: { complete_frankel_a_b: 0, incomplete_frankel_c_d: 1, none_frankel_e: 2 },
} as const;

export type TokuhashiComponent = keyof typeof TOKUHASHI_COMPONENTS;
export type TokuhashiInput = { [K in TokuhashiComponent]: keyof (typeof TOKUHASHI_COMPONENTS)[K] };
export type TokuhashiBand = "under_6_months" | "6_months_or_more" | "a_year_or_more";

export const TOKUHASHI_BAND_LABELS: Record<TokuhashiBand, string> = {
  under_6_months: "0-8: predicted survival under 6 months",
  "6_months_or_more": "9-11: predicted survival 6 months or more",
  a_year_or_more: "12-15: predicted survival a year or more",
};

export function tokuhashiScore(input: TokuhashiInput): { total: number; band: TokuhashiBand } {
  const total = sumComponents("Tokuhashi", TOKUHASHI_COMPONENTS, input);
  const band: TokuhashiBand = total <= 8 ? "under_6_months" : total <= 11 ? "6_months_or_more" : "a_year_or_more";
  return { total, band };
}

/**
 * The scores of pathway.md ("Scores the product calculates"), as pure functions: each takes the components as
 * chosen on a form and returns the total, its band and what the band means. The product calculates and keeps;
 * the clinician decides.
 */
import { AMBULATORY_STATUSES, type AmbulatoryStatus } from "./vocabulary";

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

/** Every scale the product keeps a history of (pathway.md "Scores the product calculates"), ambulatory status included. */
export const SCORE_SCALES = ["sins", "tokuhashi", "frankel", "asia", "ecog", "karnofsky", "ambulatory"] as const;
export type ScoreScale = (typeof SCORE_SCALES)[number];

/**
 * A later value worse than an earlier one: deterioration to show at a glance. SINS and Tokuhashi compare totals:
 * a higher SINS is less stable, a lower Tokuhashi a shorter predicted survival. Frankel and ASIA run A (worst) to
 * E (normal); ECOG 0 (fully active) to 4 (bedbound); Karnofsky 100 (normal) down to 0; ambulatory status from
 * walking unaided to unable to walk.
 */
export function hasDeteriorated(scale: ScoreScale, earlier: string | number, later: string | number): boolean {
  switch (scale) {
    case "frankel":
    case "asia":
      return String(later) < String(earlier);
    case "sins":
    case "ecog":
      return Number(later) > Number(earlier);
    case "tokuhashi":
    case "karnofsky":
      return Number(later) < Number(earlier);
    case "ambulatory":
      return AMBULATORY_STATUSES.indexOf(later as AmbulatoryStatus) > AMBULATORY_STATUSES.indexOf(earlier as AmbulatoryStatus);
    default: {
      const unhandled: never = scale;
      return unhandled;
    }
  }
}

export type ScoreTrend = "first" | "worse" | "better" | "same";

/** Each entry of one scale, oldest first, against the one before it. */
export function scoreTrends<T extends { value: string | number }>(scale: ScoreScale, entries: readonly T[]): (T & { trend: ScoreTrend })[] {
  return entries.map((entry, i) => {
    const previous = entries[i - 1];
    const trend: ScoreTrend =
      previous === undefined
        ? "first"
        : hasDeteriorated(scale, previous.value, entry.value)
          ? "worse"
          : hasDeteriorated(scale, entry.value, previous.value)
            ? "better"
            : "same";
    return { ...entry, trend };
  });
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

/** The components' and options' names as the forms and the timeline show them. */
export const SINS_LABELS: { [K in SinsComponent]: { label: string; options: Record<keyof (typeof SINS_COMPONENTS)[K], string> } } = {
  location: { label: "Location", options: { junctional: "Junctional (occiput-C2, C7-T2, T11-L1, L5-S1)", mobile: "Mobile spine (C3-C6, L2-L4)", semi_rigid: "Semi-rigid (T3-T10)", rigid: "Rigid (S2-S5)" } },
  pain: { label: "Pain", options: { mechanical: "Mechanical pain", occasional_non_mechanical: "Occasional pain, not mechanical", none: "Pain-free" } },
  lesion: { label: "Bone lesion", options: { lytic: "Lytic", mixed: "Mixed (lytic and blastic)", blastic: "Blastic" } },
  alignment: { label: "Radiographic spinal alignment", options: { subluxation_translation: "Subluxation or translation", de_novo_deformity: "De novo deformity (kyphosis or scoliosis)", normal: "Normal" } },
  collapse: {
    label: "Vertebral body collapse",
    options: { over_50_percent: "More than 50 % collapse", under_50_percent: "Less than 50 % collapse", none_but_over_50_percent_involved: "No collapse, more than 50 % of the body involved", none: "None of the above" },
  },
  posterolateral: { label: "Posterolateral involvement of spinal elements", options: { bilateral: "Bilateral", unilateral: "Unilateral", none: "None" } },
};

export const TOKUHASHI_LABELS: { [K in TokuhashiComponent]: { label: string; options: Record<keyof (typeof TOKUHASHI_COMPONENTS)[K], string> } } = {
  generalCondition: { label: "General condition (Karnofsky)", options: { kps_10_40: "Poor (KPS 10-40 %)", kps_50_70: "Moderate (KPS 50-70 %)", kps_80_100: "Good (KPS 80-100 %)" } },
  extraspinalBoneMetastases: { label: "Extraspinal bone metastases", options: { three_or_more: "3 or more", one_or_two: "1 or 2", none: "None" } },
  vertebralMetastases: { label: "Metastases in the vertebral body", options: { three_or_more: "3 or more", two: "2", one: "1" } },
  majorOrganMetastases: { label: "Metastases to major internal organs", options: { unremovable: "Unremovable", removable: "Removable", none: "None" } },
  primarySite: {
    label: "Primary site of the cancer",
    options: {
      lung_stomach_bladder_oesophagus_pancreas_osteosarcoma: "Lung, osteosarcoma, stomach, bladder, oesophagus, pancreas",
      liver_gallbladder_unknown: "Liver, gallbladder, unidentified",
      other: "Other",
      kidney_uterus: "Kidney, uterus",
      rectum: "Rectum",
      thyroid_breast_prostate_carcinoid: "Thyroid, breast, prostate, carcinoid tumour",
    },
  },
  palsy: { label: "Palsy", options: { complete_frankel_a_b: "Complete (Frankel A, B)", incomplete_frankel_c_d: "Incomplete (Frankel C, D)", none_frankel_e: "None (Frankel E)" } },
};

export const SCORE_SCALE_LABELS: Record<ScoreScale, string> = {
  sins: "SINS",
  tokuhashi: "Revised Tokuhashi",
  frankel: "Frankel grade",
  asia: "ASIA impairment scale",
  ecog: "ECOG/WHO performance status",
  karnofsky: "Karnofsky performance status",
  ambulatory: "Ambulatory status",
};

export const FRANKEL_LABELS: Record<FrankelGrade, string> = {
  A: "A: complete, no motor or sensory function below the level",
  B: "B: sensory only, no motor function below the level",
  C: "C: motor present but useless",
  D: "D: motor useful, can walk",
  E: "E: normal motor and sensory function",
};

export const ASIA_LABELS: Record<AsiaGrade, string> = {
  A: "A: complete, no sensory or motor function in S4-S5",
  B: "B: sensory incomplete, no motor function below the level",
  C: "C: motor incomplete, most key muscles below the level under grade 3",
  D: "D: motor incomplete, most key muscles below the level grade 3 or more",
  E: "E: normal",
};

export const ECOG_LABELS: Record<EcogGrade, string> = {
  0: "0: fully active",
  1: "1: restricted in strenuous activity, can do light work",
  2: "2: up and about more than half the day, cannot work",
  3: "3: in bed or chair more than half the day, limited self-care",
  4: "4: completely disabled, bedbound",
};

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasDeteriorated, scoreTrends, sinsScore, SINS_COMPONENTS, tokuhashiScore, TOKUHASHI_COMPONENTS, type SinsInput, type TokuhashiInput } from "./scores";

// The published tables as pathway.md states them ("Scores the product calculates").
describe("SINS", () => {
  it.each([
    ["location", { junctional: 3, mobile: 2, semi_rigid: 1, rigid: 0 }],
    ["pain", { mechanical: 3, occasional_non_mechanical: 1, none: 0 }],
    ["lesion", { lytic: 2, mixed: 1, blastic: 0 }],
    ["alignment", { subluxation_translation: 4, de_novo_deformity: 2, normal: 0 }],
    ["collapse", { over_50_percent: 3, under_50_percent: 2, none_but_over_50_percent_involved: 1, none: 0 }],
    ["posterolateral", { bilateral: 3, unilateral: 1, none: 0 }],
  ])("%s scores as published", (component, points) => {
    expect(SINS_COMPONENTS[component as keyof typeof SINS_COMPONENTS]).toEqual(points);
  });

  const zero: SinsInput = { location: "rigid", pain: "none", lesion: "blastic", alignment: "normal", collapse: "none", posterolateral: "none" };
  it.each([
    [zero, 0, "stable", false],
    [{ ...zero, location: "junctional", pain: "mechanical" } as SinsInput, 6, "stable", false],
    [{ ...zero, location: "junctional", pain: "mechanical", posterolateral: "unilateral" } as SinsInput, 7, "potentially_unstable", true],
    [{ ...zero, location: "junctional", pain: "mechanical", alignment: "subluxation_translation", lesion: "lytic" } as SinsInput, 12, "potentially_unstable", true],
    [{ ...zero, location: "junctional", pain: "mechanical", alignment: "subluxation_translation", lesion: "mixed", collapse: "over_50_percent" } as SinsInput, 14, "unstable", true],
    [{ location: "junctional", pain: "mechanical", lesion: "lytic", alignment: "subluxation_translation", collapse: "over_50_percent", posterolateral: "bilateral" } as SinsInput, 18, "unstable", true],
  ])("%j totals %i, band %s, surgical opinion %s", (input, total, band, opinion) => {
    expect(sinsScore(input)).toEqual({ total, band, surgicalOpinionAdvised: opinion });
  });

  it("the band and the surgical opinion follow the total, for every combination", () => {
    const arb = fc.record(Object.fromEntries(Object.entries(SINS_COMPONENTS).map(([k, v]) => [k, fc.constantFrom(...Object.keys(v))])) as Record<string, fc.Arbitrary<string>>);
    fc.assert(
      fc.property(arb, (input) => {
        const { total, band, surgicalOpinionAdvised } = sinsScore(input as SinsInput);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(18);
        expect(band).toBe(total <= 6 ? "stable" : total <= 12 ? "potentially_unstable" : "unstable");
        expect(surgicalOpinionAdvised).toBe(total >= 7);
      }),
    );
  });

  it("refuses a value that is not in the table rather than counting it as 0", () => {
    expect(() => sinsScore({ ...zero, pain: "severe" } as unknown as SinsInput)).toThrow(/SINS pain: choose one of/);
    expect(() => sinsScore({ ...zero, lesion: "toString" } as unknown as SinsInput)).toThrow(RangeError);
  });
});

describe("revised Tokuhashi", () => {
  const worst: TokuhashiInput = {
    generalCondition: "kps_10_40",
    extraspinalBoneMetastases: "three_or_more",
    vertebralMetastases: "three_or_more",
    majorOrganMetastases: "unremovable",
    primarySite: "lung_stomach_bladder_oesophagus_pancreas_osteosarcoma",
    palsy: "complete_frankel_a_b",
  };
  const best: TokuhashiInput = {
    generalCondition: "kps_80_100",
    extraspinalBoneMetastases: "none",
    vertebralMetastases: "one",
    majorOrganMetastases: "none",
    primarySite: "thyroid_breast_prostate_carcinoid",
    palsy: "none_frankel_e",
  };
  it.each([
    [worst, 0, "under_6_months"],
    [{ ...worst, primarySite: "thyroid_breast_prostate_carcinoid", palsy: "none_frankel_e", generalCondition: "kps_50_70" } as TokuhashiInput, 8, "under_6_months"],
    [{ ...worst, primarySite: "thyroid_breast_prostate_carcinoid", palsy: "none_frankel_e", generalCondition: "kps_80_100" } as TokuhashiInput, 9, "6_months_or_more"],
    [{ ...best, primarySite: "liver_gallbladder_unknown", majorOrganMetastases: "removable" } as TokuhashiInput, 10, "6_months_or_more"],
    [{ ...best, primarySite: "rectum", majorOrganMetastases: "removable" } as TokuhashiInput, 13, "a_year_or_more"],
    [{ ...best, primarySite: "rectum", majorOrganMetastases: "unremovable" } as TokuhashiInput, 12, "a_year_or_more"],
    [{ ...best, vertebralMetastases: "two", extraspinalBoneMetastases: "one_or_two", primarySite: "kidney_uterus" } as TokuhashiInput, 11, "6_months_or_more"],
    [best, 15, "a_year_or_more"],
  ])("%j totals %i, band %s", (input, total, band) => {
    expect(tokuhashiScore(input)).toEqual({ total, band });
  });

  it("scores each primary site as published", () => {
    expect(TOKUHASHI_COMPONENTS.primarySite).toEqual({
      lung_stomach_bladder_oesophagus_pancreas_osteosarcoma: 0,
      liver_gallbladder_unknown: 1,
      other: 2,
      kidney_uterus: 3,
      rectum: 4,
      thyroid_breast_prostate_carcinoid: 5,
    });
  });

  it("refuses a component left out", () => {
    const { palsy: _palsy, ...partial } = best;
    expect(() => tokuhashiScore(partial as TokuhashiInput)).toThrow(/Tokuhashi palsy/);
  });
});

describe("deterioration", () => {
  it.each([
    ["frankel", "E", "C", true],
    ["frankel", "C", "D", false],
    ["asia", "D", "D", false],
    ["asia", "B", "A", true],
    ["ecog", 1, 3, true],
    ["ecog", 3, 2, false],
    ["karnofsky", 70, 40, true],
    ["karnofsky", 40, 60, false],
    ["sins", 6, 9, true],
    ["sins", 9, 9, false],
    ["tokuhashi", 12, 8, true],
    ["tokuhashi", 8, 9, false],
    ["ambulatory", "walks_unaided", "walks_with_aid", true],
    ["ambulatory", "walks_with_aid", "unable_to_walk", true],
    ["ambulatory", "unable_to_walk", "walks_with_aid", false],
  ] as const)("%s from %s to %s: deteriorated %s", (scale, earlier, later, worse) => {
    expect(hasDeteriorated(scale, earlier, later)).toBe(worse);
  });

  it.each([
    ["frankel", ["E", "D", "D", "E"], ["first", "worse", "same", "better"]],
    ["sins", [5, 9, 7], ["first", "worse", "better"]],
    ["karnofsky", [80], ["first"]],
  ] as const)("%s %j trends %j", (scale, values, trends) => {
    expect(scoreTrends(scale, values.map((value) => ({ value }))).map((e) => e.trend)).toEqual(trends);
  });
});

import { describe, expect, it } from "vitest";
import {
  AMBULATORY_STATUSES,
  AMBULATORY_STATUS_LABELS,
  CLOSED_REFERRAL_STATUSES,
  NEUROLOGY,
  REFERRAL_CATEGORIES,
  REFERRAL_CATEGORY_LABELS,
  REFERRAL_STATUSES,
  REFERRAL_STATUS_LABELS,
  REFERRER_ROLES,
  REFERRER_ROLE_LABELS,
  type NeurologySign,
  type ReferralStatus,
  isReferralActive,
  suggestReferralCategory,
} from "./vocabulary";

const NEUROLOGY_SIGNS = Object.keys(NEUROLOGY) as NeurologySign[];

describe("suggestReferralCategory", () => {
  it("has the four neurology signs of pathway.md", () => {
    expect(NEUROLOGY_SIGNS).toEqual(["limb_weakness", "sensory_loss", "bladder_bowel_dysfunction", "gait_disturbance"]);
  });

  it("suggests suspected spinal metastases when there is no neurology (pain alone)", () => {
    expect(suggestReferralCategory([])).toBe("suspected_spinal_metastases");
  });

  it.each(NEUROLOGY_SIGNS)("suggests suspected MSCC for the single sign %s", (sign) => {
    expect(suggestReferralCategory([sign])).toBe("suspected_mscc");
  });

  it("suggests suspected MSCC for all signs together", () => {
    expect(suggestReferralCategory(NEUROLOGY_SIGNS)).toBe("suspected_mscc");
  });

  it("never suggests not MSCC (that is a clinician's decision)", () => {
    const subsets = Array.from({ length: 1 << NEUROLOGY_SIGNS.length }, (_, mask) => NEUROLOGY_SIGNS.filter((_s, i) => mask & (1 << i)));
    expect(subsets).toHaveLength(16);
    for (const subset of subsets) {
      expect(suggestReferralCategory(subset)).toBe(subset.length === 0 ? "suspected_spinal_metastases" : "suspected_mscc");
    }
  });
});

describe("isReferralActive", () => {
  it("closes exactly discharged, closed, MSCC excluded and withdrawn", () => {
    expect([...CLOSED_REFERRAL_STATUSES].sort()).toEqual(["closed", "discharged", "mscc_excluded", "withdrawn"]);
  });

  const expected: Record<ReferralStatus, boolean> = {
    new: true,
    triaged: true,
    awaiting_imaging: true,
    imaging_reported: true,
    treatment_planned: true,
    in_treatment: true,
    rehabilitation: true,
    discharged: false,
    closed: false,
    mscc_excluded: false,
    withdrawn: false,
  };

  it("the table covers every status", () => {
    expect(Object.keys(expected).sort()).toEqual([...REFERRAL_STATUSES].sort());
  });

  it.each(REFERRAL_STATUSES.map((status) => ({ status, active: expected[status] })))("$status -> active $active", ({ status, active }) => {
    expect(isReferralActive(status)).toBe(active);
    expect(isReferralActive(status)).toBe(!(CLOSED_REFERRAL_STATUSES as readonly string[]).includes(status));
  });
});

describe("labels", () => {
  const vocabularies = [
    { name: "referral status", values: REFERRAL_STATUSES, labels: REFERRAL_STATUS_LABELS as Record<string, string> },
    { name: "referral category", values: REFERRAL_CATEGORIES, labels: REFERRAL_CATEGORY_LABELS as Record<string, string> },
    { name: "referrer role", values: REFERRER_ROLES, labels: REFERRER_ROLE_LABELS as Record<string, string> },
    { name: "ambulatory status", values: AMBULATORY_STATUSES, labels: AMBULATORY_STATUS_LABELS as Record<string, string> },
    { name: "neurology sign", values: NEUROLOGY_SIGNS, labels: NEUROLOGY as Record<string, string> },
  ];

  it.each(vocabularies.flatMap(({ name, values, labels }) => values.map((value) => ({ name, value, label: labels[value] }))))(
    "$name $value has a label ($label)",
    ({ label }) => {
      expect(typeof label).toBe("string");
      expect((label as string).trim().length).toBeGreaterThan(0);
    },
  );

  it.each(vocabularies)("$name labels have no extra keys and are distinct", ({ values, labels }) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    expect(new Set(Object.values(labels)).size).toBe(values.length);
  });

  it.each([
    { status: "new", label: "New" },
    { status: "rehabilitation", label: "Rehabilitation and discharge planning" },
    { status: "mscc_excluded", label: "MSCC excluded" },
  ] as const)("status $status reads $label", ({ status, label }) => {
    expect(REFERRAL_STATUS_LABELS[status]).toBe(label);
  });
});

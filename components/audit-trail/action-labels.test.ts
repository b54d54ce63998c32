import { describe, expect, it } from "vitest";
import { describeAuditAction } from "./action-labels";

describe("describeAuditAction", () => {
  it.each([
    ["referral.view", "Looked at a referral"],
    ["user.deactivate", "Deactivated a user"],
    ["referral.event.triaged", "Recorded on a referral: Triaged"],
    ["referral.event.dexamethasone_given", "Recorded on a referral: Dexamethasone given"],
    ["equipment.delivered", "Equipment item marked delivered"],
    ["referral.event.not_a_type", "referral.event.not_a_type"],
    ["something.new", "something.new"],
  ])("%s reads %j", (action, words) => {
    expect(describeAuditAction(action)).toBe(words);
  });
});

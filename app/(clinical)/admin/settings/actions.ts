"use server";

import { savePathwaySettings } from "@/db/mutations/settings";
import { defineAction } from "@/lib/server/action";
import { pathwaySettingsInput } from "@/lib/validation/settings";

export const savePathwaySettingsAction = defineAction({
  name: "pathway_settings.change",
  permission: "settings:manage",
  input: pathwaySettingsInput,
  successMessage: "Saved. The new targets apply to clocks that start from now; clocks already started keep theirs.",
  revalidate: ["/admin/settings"],
  run: ({ tx, user, input }) => savePathwaySettings(tx, { actorId: user.id, basedOnVersionId: input.basedOnVersionId, settings: input.settings }),
});

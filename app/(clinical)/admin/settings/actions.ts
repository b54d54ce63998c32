"use server";

import { saveServiceContacts } from "@/db/mutations/service-contacts";
import { savePathwaySettings } from "@/db/mutations/settings";
import { defineAction } from "@/lib/server/action";
import { serviceContactsInput } from "@/lib/validation/service-contacts";
import { pathwaySettingsInput } from "@/lib/validation/settings";

export const savePathwaySettingsAction = defineAction({
  name: "pathway_settings.change",
  permission: "settings:manage",
  input: pathwaySettingsInput,
  successMessage: "Saved. The new targets apply to clocks that start from now; clocks already started keep theirs.",
  revalidate: ["/admin/settings"],
  run: ({ tx, user, input }) => savePathwaySettings(tx, { actorId: user.id, basedOnVersionId: input.basedOnVersionId, settings: input.settings }),
});

export const saveServiceContactsAction = defineAction({
  name: "service_contacts.change",
  permission: "settings:manage",
  input: serviceContactsInput,
  successMessage: "Saved. The patient information sheet prints these numbers from now.",
  revalidate: ["/admin/settings"],
  run: ({ tx, user, input }) => saveServiceContacts(tx, { actorId: user.id, basedOnVersionId: input.basedOnVersionId, contacts: input.contacts }),
});

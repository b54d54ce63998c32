import { listPathwaySettingsHistory } from "@/db/queries/settings";
import { pathwaySettingsToJson } from "@/lib/api/serialize";
import { DEFAULT_PATHWAY_SETTINGS, PATHWAY_SETTING_SOURCES, settingsInForceAt } from "@/lib/domain/clocks";
import { defineRoute, json } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The targets in force now, every version (a clock keeps the one in force when it started), sources and defaults. */
export const GET = defineRoute("/api/v1/settings/pathway", "GET", async () => {
  const history = await listPathwaySettingsHistory();
  return json(pathwaySettingsToJson({ current: settingsInForceAt(history, new Date()), history, sources: PATHWAY_SETTING_SOURCES, defaults: DEFAULT_PATHWAY_SETTINGS }));
});

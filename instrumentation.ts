/**
 * Runs once when the server starts, before it answers any request: configuration checked, database opened,
 * migrated and, on a fresh embedded database, given demo data. A second process on the same embedded data
 * directory stops here.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOrExit } = await import("./lib/server/startup");
  await startOrExit();
}

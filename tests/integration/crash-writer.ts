// Child process for embedded-crash.test.ts: opens the embedded database in MSCC_DATA_DIR through the app's own
// client and migrations, then writes referrals and events through the app's mutations, one transaction each as the
// routes do, printing each id only after its transaction committed ("acknowledged"). It never stops by itself:
// the test kills it with SIGKILL mid-stream.
import { getDatabase, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { appendReferralEvent, createReferral } from "@/db/mutations/referrals";
import { createUser } from "@/db/mutations/users";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";
import { appendEventInput, createReferralInput } from "@/lib/validation/referrals";

const say = (line: string) => process.stdout.write(`${line}\n`);

await migrateDatabase(getDatabase());
const db = getDb();
const { id: actorId } = await db.transaction((tx) => createUser(tx, { actorId: null, email: `crash-${process.pid}@mscc.test`, name: "Crash Writer", role: "coordinator", passwordHash: null }));
say("ready");

const actor = { id: actorId };
for (let serial = 0; ; serial++) {
  const firstNine = `96${String(process.pid % 100).padStart(2, "0")}${String(serial).padStart(5, "0")}`;
  const check = nhsCheckDigit(firstNine);
  if (check === null) continue;
  const referral = createReferralInput.parse({ nhsNumber: `${firstNine}${check}`, givenName: "Crash", familyName: "Test", dateOfBirth: "1950-01-01", referrerName: "Dr Test", referrerRole: "gp", neurology: ["limb_weakness"] });
  const { id } = await db.transaction((tx) => createReferral(tx, { actor, referral, now: new Date() }));
  say(`referral ${id}`);
  for (let version = 1; version <= 3; version++) {
    const event = appendEventInput.parse({ type: "note", occurredAt: new Date().toISOString(), expectedVersion: version, data: { text: `note ${version}` } });
    const appended = await db.transaction((tx) => appendReferralEvent(tx, { actor, referralId: id, event, now: new Date() }));
    say(`event ${id} ${appended.eventId} ${appended.version}`);
  }
}

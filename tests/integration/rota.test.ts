import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRotaShiftAction, removeRotaShiftAction } from "@/app/(clinical)/admin/rota/actions";
import { getDatabase, getDb, type DatabaseHandle, type Db } from "@/db/client";
import { addRotaShift } from "@/db/mutations/rota";
import { updateUser } from "@/db/mutations/users";
import { findOnCall, listRotaCandidates, loadOnCallStatus } from "@/db/queries/rota";
import { auditLog, rotaShifts, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { rotaGaps } from "@/lib/domain/escalation";
import { formatDateTime, formatTime, toLondonLocalInput } from "@/lib/domain/time-format";
import { ACTION_SPEC, runAction, type ServerAction } from "@/lib/server/action";
import { openMigratedEmbedded } from "./embedded-template";
import { makeUser } from "./fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The actions' whole pipeline (who, may they, validation, one transaction), fed what the browser's form sends. */
const send = <T,>(action: ServerAction<T>, user: CurrentUser, raw: Record<string, unknown>) => runAction(action[ACTION_SPEC], user, raw);

async function signedIn(role: Role, name?: string): Promise<CurrentUser> {
  const made = await makeUser(role, { name });
  return { id: made.id, email: made.email, name: made.name, role };
}

// Every test works in ten days of its own, well in the future, so the tests share the rota without meeting.
let weeksUsed = 0;
function freshWeek(): (hours: number) => Date {
  const base = Math.ceil(Date.now() / HOUR) * HOUR + (30 + 10 * ++weeksUsed) * DAY;
  return (hours) => new Date(base + hours * HOUR);
}

/** The add-shift form as the browser sends it: London wall-clock times from datetime-local fields. */
const shiftForm = (line: string, userId: string, from: Date, to: Date) => ({ line, userId, startsAt: toLondonLocalInput(from), endsAt: toLondonLocalInput(to) });

const shiftsOf = (userId: string) => getDb().select().from(rotaShifts).where(eq(rotaShifts.userId, userId));
const auditOf = (action: string, entityId: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

describe(`the on-call rota on ${getDatabase().engine}`, () => {
  it("a coordinator puts a registrar first on call: the shift and its audit row", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar", "Dr Ada Rota");
    const at = freshWeek();

    const result = await send(addRotaShiftAction, coordinator, shiftForm("first", registrar.id, at(0), at(12)));
    expect(result).toMatchObject({ ok: true, message: "Shift added to the rota." });
    if (!result.ok) return;

    const [row] = await shiftsOf(registrar.id);
    expect(row).toMatchObject({ id: result.data.id, line: "first", startsAt: at(0), endsAt: at(12), createdBy: coordinator.id, removedAt: null });
    const audit = await auditOf("rota.add_shift", result.data.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: coordinator.id,
      entityType: "rota_shift",
      after: { line: "first", userId: registrar.id, userName: "Dr Ada Rota", startsAt: at(0).toISOString(), endsAt: at(12).toISOString() },
    });
  });

  it("writes in the caller's transaction: rolled back, neither the shift nor its audit row stays", async () => {
    const admin = await signedIn("admin");
    const registrar = await signedIn("registrar");
    const at = freshWeek();
    let createdId = "";
    await expect(
      getDb().transaction(async (tx) => {
        createdId = (await addRotaShift(tx, { actorId: admin.id, line: "first", userId: registrar.id, startsAt: at(0), endsAt: at(12), now: new Date() })).id;
        throw new Error("something after the shift failed");
      }),
    ).rejects.toThrow("something after the shift failed");
    expect(createdId).not.toBe("");
    expect(await shiftsOf(registrar.id)).toEqual([]);
    expect(await auditOf("rota.add_shift", createdId)).toEqual([]);
  });

  it("refuses an overlap on the same line, naming the other shift's person and times, and saves nothing", async () => {
    const coordinator = await signedIn("coordinator");
    const okoro = await signedIn("registrar", "Dr Overlap Okoro");
    const walsh = await signedIn("registrar", "Dr Overlap Walsh");
    const at = freshWeek();
    expect(await send(addRotaShiftAction, coordinator, shiftForm("first", okoro.id, at(0), at(12)))).toMatchObject({ ok: true });

    const overlapping = await send(addRotaShiftAction, coordinator, shiftForm("first", walsh.id, at(11), at(23)));
    const message = `This overlaps Dr Overlap Okoro's shift as first on call (oncology registrar) from ${formatDateTime(at(0))} to ${formatDateTime(at(12))}. Change the times, or remove that shift first.`;
    expect(overlapping).toEqual({ ok: false, error: { code: "conflict", message, fields: { startsAt: [message] } } });
    expect(await shiftsOf(walsh.id)).toEqual([]);

    // Meeting end to start is a handover, not an overlap; the other line is a rota of its own.
    expect(await send(addRotaShiftAction, coordinator, shiftForm("first", walsh.id, at(12), at(24)))).toMatchObject({ ok: true });
    expect(await send(addRotaShiftAction, coordinator, shiftForm("second", walsh.id, at(0), at(12)))).toMatchObject({ ok: true });
    expect(await shiftsOf(walsh.id)).toHaveLength(2);
  });

  it.each([
    { line: "first", role: "coordinator", allowed: false },
    { line: "first", role: "discharge", allowed: false },
    { line: "first", role: "admin", allowed: false },
    { line: "first", role: "registrar", allowed: true },
    { line: "second", role: "registrar", allowed: true },
    { line: "second", role: "coordinator", allowed: true },
    { line: "second", role: "discharge", allowed: false },
  ] as const)("$line line, a $role: allowed $allowed", async ({ line, role, allowed }) => {
    const coordinator = await signedIn("coordinator");
    const person = await signedIn(role, `Person ${role}`);
    const at = freshWeek();
    const result = await send(addRotaShiftAction, coordinator, shiftForm(line, person.id, at(0), at(12)));
    if (allowed) {
      expect(result).toMatchObject({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { userId: [expect.stringMatching(new RegExp(`^Person ${role} is .*: .* must be `))] } } });
      expect(await shiftsOf(person.id)).toEqual([]);
    }
  });

  it("refuses a deactivated account, and leaves it off the people to choose from", async () => {
    const admin = await signedIn("admin");
    const registrar = await signedIn("registrar", "Dr Gone Away");
    await getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: registrar.id, expectedVersion: 1, changes: { active: false } }));
    const at = freshWeek();

    const result = await send(addRotaShiftAction, admin, shiftForm("first", registrar.id, at(0), at(12)));
    expect(result).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { userId: ["Dr Gone Away's account is deactivated: choose someone else"] } } });
    expect(await shiftsOf(registrar.id)).toEqual([]);
    expect((await listRotaCandidates()).map((c) => c.id)).not.toContain(registrar.id);
  });

  it("refuses bad times beside the field: missing, in the wrong order, longer than 7 days, already ended", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const at = freshWeek();
    expect(await send(addRotaShiftAction, coordinator, { line: "first", userId: registrar.id, startsAt: "", endsAt: "tomorrow" })).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fields: { startsAt: ["Enter the time the shift starts"], endsAt: ["Enter the time the shift ends as a date and time, e.g. 25/11/2026 14:05"] },
      },
    });
    expect(await send(addRotaShiftAction, coordinator, shiftForm("first", registrar.id, at(12), at(12)))).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { endsAt: ["The shift must end after it starts"] } },
    });
    expect(await send(addRotaShiftAction, coordinator, shiftForm("first", registrar.id, at(0), at(7 * 24 + 1)))).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { endsAt: ["A shift can be at most 7 days long: add the rest as another shift"] } },
    });
    expect(await send(addRotaShiftAction, coordinator, shiftForm("first", registrar.id, at(0), at(7 * 24)))).toMatchObject({ ok: true });
    const past = new Date(Date.now() - 2 * HOUR);
    expect(await send(addRotaShiftAction, coordinator, shiftForm("first", registrar.id, new Date(past.getTime() - 12 * HOUR), past))).toMatchObject({
      ok: false,
      error: { code: "unprocessable", fields: { endsAt: ["The shift must end in the future"] } },
    });
    expect(await shiftsOf(registrar.id)).toHaveLength(1);
  });

  it("removes a shift by marking it (who, when), never deleting it; a second removal names who did it", async () => {
    const coordinator = await signedIn("coordinator", "Aisha Remover");
    const registrar = await signedIn("registrar");
    const at = freshWeek();
    const added = await send(addRotaShiftAction, coordinator, shiftForm("first", registrar.id, at(0), at(12)));
    if (!added.ok) throw new Error("shift refused");

    expect(await send(removeRotaShiftAction, coordinator, { id: added.data.id })).toMatchObject({ ok: true, message: "Shift removed from the rota." });
    const [row] = await shiftsOf(registrar.id);
    expect(row?.removedBy).toBe(coordinator.id);
    expect(row?.removedAt).toBeInstanceOf(Date);
    const audit = await auditOf("rota.remove_shift", added.data.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: coordinator.id, before: { line: "first", userId: registrar.id, startsAt: at(0).toISOString() } });
    expect(await findOnCall({ line: "first", at: at(1) })).toBeNull();

    const again = await send(removeRotaShiftAction, coordinator, { id: added.data.id });
    expect(again).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/^Aisha Remover removed this shift at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./) } });
    expect(await auditOf("rota.remove_shift", added.data.id)).toHaveLength(1);

    // The times are free again.
    expect(await send(addRotaShiftAction, coordinator, shiftForm("first", registrar.id, at(0), at(12)))).toMatchObject({ ok: true });
  });

  it("keeps a shift that has ended: it is the record of who was on call", async () => {
    const admin = await signedIn("admin");
    const registrar = await signedIn("registrar");
    const ended = new Date(Date.now() - HOUR);
    const [old] = await getDb()
      .insert(rotaShifts)
      .values({ line: "first", userId: registrar.id, startsAt: new Date(ended.getTime() - 12 * HOUR), endsAt: ended, createdBy: admin.id })
      .returning({ id: rotaShifts.id });
    if (!old) throw new Error("insert returned no row");
    expect(await send(removeRotaShiftAction, admin, { id: old.id })).toMatchObject({ ok: false, error: { code: "unprocessable" } });
    expect((await shiftsOf(registrar.id))[0]?.removedAt).toBeNull();
    expect(await send(removeRotaShiftAction, admin, { id: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await send(removeRotaShiftAction, admin, { id: "not-a-shift" })).toMatchObject({ ok: false, error: { code: "validation" } });
  });

  it.each([
    { role: "coordinator", code: null },
    { role: "admin", code: null },
    { role: "registrar", code: "forbidden" },
    { role: "discharge", code: "forbidden" },
  ] as const)("as $role: keeping the rota is $code", async ({ role, code }) => {
    const user = await signedIn(role);
    const registrar = await signedIn("registrar");
    const at = freshWeek();
    const added = await send(addRotaShiftAction, user, shiftForm("first", registrar.id, at(0), at(12)));
    if (code === null) {
      expect(added).toMatchObject({ ok: true });
      if (added.ok) expect(await send(removeRotaShiftAction, user, { id: added.data.id })).toMatchObject({ ok: true });
    } else {
      expect(added).toMatchObject({ ok: false, error: { code } });
      expect(await shiftsOf(registrar.id)).toEqual([]);
    }
  });

  it("findOnCall at the boundaries: a shift covers its start, not its end; a deactivated person covers nobody", async () => {
    const admin = await signedIn("admin");
    const okoro = await signedIn("registrar");
    const walsh = await signedIn("registrar");
    const at = freshWeek();
    for (const [userId, from, to] of [[okoro.id, 0, 12], [walsh.id, 12, 24]] as const) {
      expect(await send(addRotaShiftAction, admin, shiftForm("first", userId, at(from), at(to)))).toMatchObject({ ok: true });
    }
    const who = async (when: Date) => (await findOnCall({ line: "first", at: when }))?.userId ?? null;
    expect(await who(new Date(at(0).getTime() - 1))).toBeNull();
    expect(await who(at(0))).toBe(okoro.id);
    expect(await who(new Date(at(12).getTime() - 1))).toBe(okoro.id);
    expect(await who(at(12))).toBe(walsh.id);
    expect(await who(at(24))).toBeNull();
    expect(await findOnCall({ line: "second", at: at(6) })).toBeNull();

    await getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: walsh.id, expectedVersion: 1, changes: { active: false } }));
    expect(await who(at(12))).toBeNull();
  });

  it("the header's status: who is on call until when, through back-to-back shifts, and the gaps ahead", async () => {
    const admin = await signedIn("admin");
    const okoro = await signedIn("registrar", "Dr Header Okoro");
    const khan = await signedIn("coordinator", "Header Khan");
    const at = freshWeek();
    for (const [line, userId, from, to] of [
      ["first", okoro.id, 0, 12],
      ["first", okoro.id, 12, 24],
      ["first", okoro.id, 30, 42],
      ["second", khan.id, 0, 7 * 24],
      ["second", khan.id, 7 * 24, 8 * 24],
    ] as const) {
      expect(await send(addRotaShiftAction, admin, shiftForm(line, userId, at(from), at(to)))).toMatchObject({ ok: true });
    }
    const status = await loadOnCallStatus({ now: at(1) });
    expect(status.first).toEqual({ name: "Dr Header Okoro", until: at(24), untilAtLeast: false });
    // Runs past the 7 days read: the header can only say "at least".
    expect(status.second).toEqual({ name: "Header Khan", until: at(8 * 24), untilAtLeast: true });
    expect(status.gaps).toEqual([
      { line: "first", from: at(24), to: at(30) },
      { line: "first", from: at(42), to: at(1 + 7 * 24) },
    ]);
  });
});

describe("the demo rota", () => {
  // Friday before British Summer Time starts (Sunday 29/03/2026 01:00 UTC): the night shift then is 11 hours.
  const NOW = new Date("2026-03-27T10:30:00Z");
  let demo: DatabaseHandle;
  let db: Db;

  beforeAll(async () => {
    demo = await openMigratedEmbedded("memory://demo-rota");
    db = demo.db;
    await seedDemoData(db, { withPasswords: false, now: NOW });
  });

  afterAll(async () => {
    await demo.close();
  });

  it("puts the two registrars first on call in turn and the coordinator second line, from 2 days ago to 14 days ahead, with one first-line gap 5 days ahead", async () => {
    const rows = await db
      .select({ line: rotaShifts.line, email: users.email, startsAt: rotaShifts.startsAt, endsAt: rotaShifts.endsAt })
      .from(rotaShifts)
      .innerJoin(users, eq(users.id, rotaShifts.userId))
      .orderBy(asc(rotaShifts.startsAt));
    const first = rows.filter((r) => r.line === "first");
    const second = rows.filter((r) => r.line === "second");

    // Handovers at 08:00 and 20:00 London time, through the change of the clocks.
    for (const r of rows) {
      expect(["08:00", "20:00"]).toContain(formatTime(r.startsAt));
      expect(["08:00", "20:00"]).toContain(formatTime(r.endsAt));
    }
    expect(second.every((r) => r.email === "coordinator@mscc.test")).toBe(true);
    expect(second[0]?.startsAt.getTime()).toBeLessThanOrEqual(NOW.getTime() - 2 * DAY);
    expect(second.at(-1)?.endsAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 14 * DAY);
    expect(rotaGaps(second.map((r, i) => ({ ...r, id: String(i), userId: r.email })), "second", second[0]?.startsAt ?? NOW, second.at(-1)?.endsAt ?? NOW)).toEqual([]);

    const gaps = rotaGaps(first.map((r, i) => ({ ...r, id: String(i), userId: r.email })), "first", NOW, new Date(NOW.getTime() + 14 * DAY));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.from.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 5 * DAY);
    expect(gaps[0]?.from.getTime()).toBeLessThan(NOW.getTime() + 5 * DAY + 12 * HOUR);
    expect(gaps.map((g) => (g.to.getTime() - g.from.getTime()) / HOUR)).toEqual([12]);
    for (let i = 1; i < first.length; i++) {
      const [before, after] = [first[i - 1], first[i]];
      if (before?.endsAt.getTime() === after?.startsAt.getTime()) expect(after?.email).not.toBe(before?.email);
    }
    expect(new Set(first.map((r) => r.email))).toEqual(new Set(["registrar@mscc.test", "registrar2@mscc.test"]));

    const status = await loadOnCallStatus({ now: NOW, db });
    expect(status.first?.name).toBe("Dr James Okoro");
    expect(status.second).toMatchObject({ name: "Aisha Khan" });
  });

  it("keeps the first demo registrar on call for at least 2 hours: seeded 5 minutes before a handover, their shift runs to the one after", async () => {
    // Monday 30/11/2026 07:55 GMT: the night shift would hand over at 08:00.
    const beforeHandover = new Date("2026-11-30T07:55:00Z");
    const other = await openMigratedEmbedded("memory://demo-rota-handover");
    try {
      const otherDb = other.db;
      await seedDemoData(otherDb, { withPasswords: false, now: beforeHandover });
      expect((await loadOnCallStatus({ now: beforeHandover, db: otherDb })).first).toMatchObject({ name: "Dr James Okoro", until: new Date("2026-11-30T20:00:00Z") });
      expect((await loadOnCallStatus({ now: new Date("2026-11-30T08:30:00Z"), db: otherDb })).first).toMatchObject({ name: "Dr James Okoro" });
      expect((await loadOnCallStatus({ now: new Date("2026-11-30T20:30:00Z"), db: otherDb })).first).toMatchObject({ name: "Dr Emily Walsh" });
      // Still one shift at a time, handing over at 08:00 or 20:00 and alternating.
      const first = await otherDb
        .select({ email: users.email, startsAt: rotaShifts.startsAt, endsAt: rotaShifts.endsAt })
        .from(rotaShifts)
        .innerJoin(users, eq(users.id, rotaShifts.userId))
        .where(eq(rotaShifts.line, "first"))
        .orderBy(asc(rotaShifts.startsAt));
      for (const r of first) expect(["08:00", "20:00"]).toContain(formatTime(r.endsAt));
      for (let i = 1; i < first.length; i++) {
        if (first[i - 1]?.endsAt.getTime() === first[i]?.startsAt.getTime()) expect(first[i]?.email).not.toBe(first[i - 1]?.email);
      }
    } finally {
      await other.close();
    }
  });

  it("has the first demo registrar on call at the moment of seeding, even just after the clocks change", async () => {
    // Monday 30/03/2026 08:30 BST: 48 hours earlier was 07:30 GMT, an odd number of handovers ago.
    const justAfter = new Date("2026-03-30T07:30:00Z");
    const other = await openMigratedEmbedded("memory://demo-rota-bst");
    try {
      const otherDb = other.db;
      await seedDemoData(otherDb, { withPasswords: false, now: justAfter });
      expect((await loadOnCallStatus({ now: justAfter, db: otherDb })).first).toMatchObject({ name: "Dr James Okoro", until: new Date("2026-03-30T19:00:00Z") });
    } finally {
      await other.close();
    }
  });
});

import "server-only";
import { eq, sql } from "drizzle-orm";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { overlappingShift, ROTA_LINE_LABELS, ROTA_LINE_ROLES, rotaOverlapMessage, type RotaLine } from "@/lib/domain/escalation";
import { formatDateTime } from "@/lib/domain/time-format";
import { AppError } from "@/lib/errors";
import type { Tx } from "../client";
import { isUuid } from "../queries/users";
import { listRotaShifts } from "../queries/rota";
import { rotaShifts, users } from "../schema";
import { recordAudit } from "./audit";

// Changes to one line of the rota are made one at a time across every app instance, so two coordinators
// filling the same gap at the same moment cannot both succeed.
const lockLine = (tx: Tx, line: RotaLine) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rota:${line}`}))`);

const auditView = (s: { line: RotaLine; userId: string; userName: string; startsAt: Date; endsAt: Date }) => ({
  line: s.line,
  userId: s.userId,
  userName: s.userName,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
});

/**
 * Puts someone on a line of the rota. Refused: someone who may not stand on that line or whose account is
 * deactivated, a shift that has already ended (the rota in force then is part of the record), and a shift
 * that overlaps another on the same line (named, with its times).
 */
export async function addRotaShift(
  tx: Tx,
  input: { actorId: string; line: RotaLine; userId: string; startsAt: Date; endsAt: Date; now: Date },
): Promise<{ id: string }> {
  const [person] = await tx.select({ id: users.id, name: users.name, role: users.role, active: users.active }).from(users).where(eq(users.id, input.userId));
  if (!person) throw new AppError("validation", "Some answers need correcting: see the messages beside them.", { userId: ["Choose someone from the list"] });
  if (!person.active) {
    throw new AppError("unprocessable", `${person.name}'s account is deactivated: they cannot be put on call.`, {
      userId: [`${person.name}'s account is deactivated: choose someone else`],
    });
  }
  if (!ROTA_LINE_ROLES[input.line].includes(person.role)) {
    const allowed = ROTA_LINE_ROLES[input.line].map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS].toLowerCase()).join(" or ");
    const message = `${person.name} is ${ROLE_LABELS[person.role].toLowerCase()}: ${ROTA_LINE_LABELS[input.line].toLowerCase()} must be ${allowed}.`;
    throw new AppError("unprocessable", message, { userId: [message] });
  }
  if (input.endsAt.getTime() <= input.now.getTime()) {
    throw new AppError("unprocessable", "This shift has already ended: the rota that was in force then is part of the record.", {
      endsAt: ["The shift must end in the future"],
    });
  }

  await lockLine(tx, input.line);
  const overlap = overlappingShift(await listRotaShifts({ from: input.startsAt, to: input.endsAt, db: tx }), input);
  if (overlap) {
    const message = rotaOverlapMessage(overlap);
    throw new AppError("conflict", message, { startsAt: [message] });
  }

  const [created] = await tx
    .insert(rotaShifts)
    .values({ line: input.line, userId: person.id, startsAt: input.startsAt, endsAt: input.endsAt, createdBy: input.actorId })
    .returning({ id: rotaShifts.id });
  if (!created) throw new Error("insert returned no row");
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "rota.add_shift",
    entityType: "rota_shift",
    entityId: created.id,
    after: auditView({ ...input, userName: person.name }),
  });
  return { id: created.id };
}

/**
 * Takes a shift off the rota: marked removed (by whom, when), never deleted, so who was on call when an
 * escalation went out can always be read back. A shift that has ended stays: it is the record.
 */
export async function removeRotaShift(tx: Tx, input: { actorId: string; id: string; now: Date }): Promise<{ id: string }> {
  if (!isUuid(input.id)) throw new AppError("not_found", "No such shift on the rota.");
  const [found] = await tx.select({ line: rotaShifts.line }).from(rotaShifts).where(eq(rotaShifts.id, input.id));
  if (!found) throw new AppError("not_found", "No such shift on the rota.");
  await lockLine(tx, found.line);
  const [shift] = await tx
    .select({
      id: rotaShifts.id,
      line: rotaShifts.line,
      userId: rotaShifts.userId,
      userName: users.name,
      startsAt: rotaShifts.startsAt,
      endsAt: rotaShifts.endsAt,
      removedAt: rotaShifts.removedAt,
      removedBy: rotaShifts.removedBy,
    })
    .from(rotaShifts)
    .innerJoin(users, eq(users.id, rotaShifts.userId))
    .where(eq(rotaShifts.id, input.id))
    .for("update", { of: rotaShifts });
  if (!shift) throw new AppError("not_found", "No such shift on the rota.");
  if (shift.removedAt) {
    const [remover] = shift.removedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, shift.removedBy)) : [];
    throw new AppError("conflict", `${remover?.name ?? "Someone"} removed this shift at ${formatDateTime(shift.removedAt)}. Reload to see the rota as it is now.`);
  }
  if (shift.endsAt.getTime() <= input.now.getTime()) {
    throw new AppError("unprocessable", "This shift has ended: it stays on the rota as the record of who was on call.");
  }

  await tx
    .update(rotaShifts)
    .set({ removedAt: input.now, removedBy: input.actorId })
    .where(eq(rotaShifts.id, shift.id));
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "rota.remove_shift",
    entityType: "rota_shift",
    entityId: shift.id,
    before: auditView(shift),
    after: { removedAt: input.now.toISOString() },
  });
  return { id: shift.id };
}

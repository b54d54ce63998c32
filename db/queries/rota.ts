import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { onCallAt, onCallSpell, ROTA_GAP_WARNING_DAYS, ROTA_LINE_ROLES, ROTA_LINES, rotaGaps, type RotaGap, type RotaLine } from "@/lib/domain/escalation";
import { getDb, type Db, type Tx } from "../client";
import { rotaShifts, users } from "../schema";

const DAY = 24 * 3_600_000;

const shiftColumns = {
  id: rotaShifts.id,
  line: rotaShifts.line,
  userId: rotaShifts.userId,
  userName: users.name,
  userRole: users.role,
  userActive: users.active,
  startsAt: rotaShifts.startsAt,
  endsAt: rotaShifts.endsAt,
};

export type RotaShiftRow = Awaited<ReturnType<typeof listRotaShifts>>[number];

/** Shifts (not removed) that overlap [from, to), earliest first, with who stands on each. */
export async function listRotaShifts({ from, to, db = getDb() }: { from: Date; to: Date; db?: Db | Tx }) {
  return db
    .select(shiftColumns)
    .from(rotaShifts)
    .innerJoin(users, eq(users.id, rotaShifts.userId))
    .where(and(isNull(rotaShifts.removedAt), lt(rotaShifts.startsAt, to), gt(rotaShifts.endsAt, from)))
    .orderBy(asc(rotaShifts.startsAt), asc(rotaShifts.line));
}

// A deactivated account cannot sign in to acknowledge anything: its shifts cover nobody.
const staffed = <T extends { userActive: boolean }>(shifts: readonly T[]): T[] => shifts.filter((s) => s.userActive);

/** Who is on call on a line at an instant (the shift that started last, where two overlap), or null. */
export async function findOnCall({ line, at, db = getDb() }: { line: RotaLine; at: Date; db?: Db | Tx }): Promise<RotaShiftRow | null> {
  const shifts = await listRotaShifts({ from: at, to: new Date(at.getTime() + 1), db });
  return onCallAt(staffed(shifts), line, at);
}

/** Every stretch of the next days with nobody on a line, both lines, earliest first. */
function gapsAhead(shifts: readonly RotaShiftRow[], now: Date): RotaGap[] {
  const until = new Date(now.getTime() + ROTA_GAP_WARNING_DAYS * DAY);
  return ROTA_LINES.flatMap((line) => rotaGaps(staffed(shifts), line, now, until)).sort((a, b) => a.from.getTime() - b.from.getTime());
}

export interface OnCallNow {
  name: string;
  /** When the bleep changes hands: the end of this person's back-to-back shifts. */
  until: Date;
  /** The shifts run past the days read: they are on until `until` at least. */
  untilAtLeast: boolean;
}

export interface OnCallStatus {
  first: OnCallNow | null;
  second: OnCallNow | null;
  gaps: RotaGap[];
}

/** Who is on call now on each line and the rota's gaps in the days ahead: one query, for the header of every page. */
export async function loadOnCallStatus({ now, db = getDb() }: { now: Date; db?: Db | Tx }): Promise<OnCallStatus> {
  const horizon = new Date(now.getTime() + ROTA_GAP_WARNING_DAYS * DAY);
  const shifts = staffed(await listRotaShifts({ from: now, to: horizon, db }));
  const onLine = (line: RotaLine): OnCallNow | null => {
    const spell = onCallSpell(shifts, line, now);
    return spell ? { name: spell.shift.userName, until: spell.until, untilAtLeast: spell.until.getTime() >= horizon.getTime() } : null;
  };
  return { first: onLine("first"), second: onLine("second"), gaps: gapsAhead(shifts, now) };
}

/** The rota page: every shift in the next days (who, when, on call now or not) and the gaps to fill. */
export async function loadRota({ now, days, db = getDb() }: { now: Date; days: number; db?: Db | Tx }) {
  const shifts = await listRotaShifts({ from: now, to: new Date(now.getTime() + days * DAY), db });
  return { shifts, gaps: gapsAhead(shifts, now) };
}

const ROTA_ROLES = [...new Set(Object.values(ROTA_LINE_ROLES).flat())] as Role[];

/** Active users who may stand on some line of the rota, by name, with their role to match against each line. */
export async function listRotaCandidates({ db = getDb() }: { db?: Db | Tx } = {}) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ROTA_ROLES)))
    .orderBy(asc(users.name));
}

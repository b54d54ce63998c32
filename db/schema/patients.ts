import { sql } from "drizzle-orm";
import { check, date, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { PATIENT_LOCATIONS } from "@/lib/domain/vocabulary";

export const patientLocation = pgEnum("patient_location", PATIENT_LOCATIONS);

export const patients = pgTable(
  "patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Ten digits, no spaces; Modulus 11 is checked in lib/domain/nhs-number before it gets here.
    nhsNumber: text("nhs_number").notNull(),
    hospitalNumber: text("hospital_number"),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    phone: text("phone"),
    location: patientLocation("location"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("patients_nhs_number_key").on(t.nhsNumber),
    check("patients_nhs_number_digits", sql`${t.nhsNumber} ~ '^[0-9]{10}$'`),
  ],
);

export type Patient = typeof patients.$inferSelect;
export type NewPatient = typeof patients.$inferInsert;

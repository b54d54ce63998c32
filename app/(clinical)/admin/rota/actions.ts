"use server";

import { addRotaShift, removeRotaShift } from "@/db/mutations/rota";
import { defineAction } from "@/lib/server/action";
import { addRotaShiftInput, removeRotaShiftInput } from "@/lib/validation/rota";

const revalidate = ["/admin/rota"];

export const addRotaShiftAction = defineAction({
  name: "rota.add_shift",
  permission: "rota:manage",
  input: addRotaShiftInput,
  successMessage: "Shift added to the rota.",
  revalidate,
  run: ({ tx, user, input }) => addRotaShift(tx, { actorId: user.id, ...input, now: new Date() }),
});

export const removeRotaShiftAction = defineAction({
  name: "rota.remove_shift",
  permission: "rota:manage",
  input: removeRotaShiftInput,
  successMessage: "Shift removed from the rota.",
  revalidate,
  run: ({ tx, user, input }) => removeRotaShift(tx, { actorId: user.id, id: input.id, now: new Date() }),
});

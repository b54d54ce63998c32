"use client";

import { useActionState, useRef, startTransition } from "react";
import type { ActionResult } from "@/lib/errors";

/**
 * Sends a form to a server action without React's automatic reset, so a refused submission keeps every
 * answer typed (bad input loses nothing); the form is cleared only when the action succeeds.
 */
export function useFormAction<T>(action: (previous: unknown, formData: FormData) => Promise<ActionResult<T>>, options: { resetOnSuccess?: boolean } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState<ActionResult<T> | null, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.ok && options.resetOnSuccess) formRef.current?.reset();
    return result;
  }, null);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };

  const fields = state && !state.ok ? state.error.fields : undefined;
  return { state, pending, onSubmit, formRef, fields };
}

"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin?reason=signed_out" });
      }}
      className="rounded border-2 border-white px-3 py-1.5 text-sm font-semibold hover:bg-white hover:text-nhs-blue"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}

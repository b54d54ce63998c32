/** Only a path on this site may follow sign-in: never another origin ("//evil", "https://...", "/.//evil"). */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith("/")) return "/";
  try {
    const url = new URL(value, "http://localhost");
    // Checked after parsing: "/.//evil.example" and "/%2e//evil.example" normalise to "//evil.example".
    const path = url.pathname;
    if (url.origin !== "http://localhost" || path.startsWith("//") || path.startsWith("/\\")) return "/";
    if (path.startsWith("/api/") || path === "/signin" || path === "/signin/") return "/";
    return `${path}${url.search}`;
  } catch {
    return "/";
  }
}

import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

// next-auth's own endpoints: public by design (see ROUTE_ACCESS); they check credentials themselves.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };

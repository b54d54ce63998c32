import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MSCC Escalation Dashboard", template: "%s · MSCC Escalation Dashboard" },
  description: "Metastatic spinal cord compression referrals, escalation and discharge",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, none prerendered at build: Next can add the request's CSP nonce
  // (proxy.ts) only to scripts it renders for that request, and a nonce-less script would be refused.
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}

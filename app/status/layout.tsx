import type { Metadata } from "next";

// The token in the address is the only key: no search engine, and no Referer header to carry it anywhere else.
export const metadata: Metadata = {
  title: "Referral status",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/** The referrer's pages: public, with nothing of the staff's navigation or of any patient. */
export default function StatusLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="bg-nhs-blue text-white">
        <p className="mx-auto max-w-2xl px-4 py-3 text-lg font-bold">MSCC service: referral status</p>
      </header>
      <main id="main" className="mx-auto max-w-2xl px-4 py-8">
        <div className="rounded-lg bg-white p-6 shadow sm:p-8">{children}</div>
      </main>
    </>
  );
}

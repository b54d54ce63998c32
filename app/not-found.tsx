import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-4">The address may be mistyped, or the record may not exist.</p>
      <p className="mt-4">
        <Link className="text-nhs-blue underline" href="/">
          Go to your start page
        </Link>
      </p>
    </main>
  );
}

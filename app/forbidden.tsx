import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-bold">You do not have access to this page</h1>
      <p className="mt-4">Your role does not include this page. If you need it for your work, ask an administrator to change your role.</p>
      <p className="mt-4">
        <Link className="text-nhs-blue underline" href="/">
          Go to your start page
        </Link>
      </p>
    </main>
  );
}

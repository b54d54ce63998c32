export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-lg">
      <span className="inline-block h-5 w-5 animate-spin rounded-full border-4 border-nhs-blue border-t-transparent" aria-hidden />
      Loading…
    </div>
  );
}

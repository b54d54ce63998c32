/** One page, with a 404, for a link that never existed and for one whose referral has closed. */
export default function StatusLinkNotValid() {
  return (
    <>
      <h1 className="text-2xl font-bold">This link has expired or is not valid</h1>
      <p className="mt-4">
        A status link stops working when the referral closes, or when the MSCC service issues a new link. Check that the whole link was copied. For
        news of a referral, contact the MSCC service by telephone, quoting its reference.
      </p>
    </>
  );
}

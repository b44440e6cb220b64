/**
 * A form's errors that have no field of their own on the page: the form-wide one, and any
 * for a field the page does not show (a hidden input, a name that should not be there).
 * Shown as one alert above the form, so no refusal goes unexplained.
 */
export function FormErrorSummary({
  errors,
  shown = [],
}: {
  errors: Record<string, string | undefined>;
  /** Fields that show their own error next to them. */
  shown?: readonly string[];
}) {
  const rest = Object.entries(errors).filter(
    (entry): entry is [string, string] => !!entry[1] && !shown.includes(entry[0]),
  );
  if (rest.length === 0) return null;
  return (
    <div className="form-error" role="alert">
      {rest.length === 1 ? (
        rest[0]![1]
      ) : (
        <ul>
          {rest.map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The error under a field, referenced by the input's aria-describedby (see invalidProps). */
export function FieldMessage({ id, text }: { id: string; text: string | null | undefined }) {
  if (!text) return null;
  return <p id={`${id}-error`} className="field-error">{text}</p>;
}

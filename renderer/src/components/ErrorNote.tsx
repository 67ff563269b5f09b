/** An inline error, read out by screen readers as it appears; says what the backend said (file, field). */
export function ErrorNote({ message, title }: { message: string; title?: string }) {
  return (
    <div className="error-note" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {message}
    </div>
  );
}

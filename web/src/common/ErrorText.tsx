/** A message next to a form field or at the foot of a form; renders nothing without one. */
export function ErrorText({
  message,
  id,
  testId,
}: {
  message: string | null | undefined;
  id?: string;
  testId?: string;
}) {
  if (message === null || message === undefined || message === '') return null;
  return (
    <p className="error" role="alert" id={id} data-testid={testId}>
      {message}
    </p>
  );
}

/** An expected failure with a message for people ("Layout revision 7 no longer exists"); thrown inside run(), it rolls the transaction back. */
export class ActionError extends Error {
  readonly status: 400 | 404 | 409 | 422;
  readonly fieldErrors?: Record<string, string[]>;
  constructor(
    message: string,
    options: { status?: 400 | 404 | 409 | 422; fieldErrors?: Record<string, string[]> } = {},
  ) {
    super(message);
    this.name = "ActionError";
    this.status = options.status ?? 400;
    this.fieldErrors = options.fieldErrors;
  }
}

// Expected failures that reach a user: each has a stable code (tests assert on
// codes, adapters pick the wording and make the reply ephemeral).

export type UserErrorCode =
  | 'empty-input'
  | 'input-too-large'
  | 'not-text'
  | 'unknown-topic'
  | 'unknown-command'
  | 'missing-option'
  | 'invalid-option'
  | 'not-allowed';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

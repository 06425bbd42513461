/** An action input has a value we cannot accept. The message names the input, the value and what is accepted. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`Input "${input}" has the value ${JSON.stringify(value)}, which is not accepted: ${accepted}`);
    this.name = 'InputError';
  }

  /** For a secret input: says where (the line) and what is accepted, never the value. */
  static secret(input: string, line: number | undefined, accepted: string): InputError {
    const e = new InputError(input, '', accepted);
    const where = line !== undefined ? `line ${line} of input "${input}"` : `the value of input "${input}"`;
    e.message = `Input "${input}": ${where} is not accepted (not shown: the input is secret): ${accepted}`;
    return e;
  }
}

/** A step of the deploy failed; `hint` tells the person what to do next. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(hint ? `${message}\n${hint}` : message, options);
    this.name = 'DeployError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

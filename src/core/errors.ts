// The one error class for failures a user can fix: what went wrong, where, and what to do next.
// Adapters render it (a Notice, one stderr line with exit 1, an MCP error result).

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  token?: string;
}

// Marks a UserError made by another copy of this module: `decp mcp` runs the MCP server from its own
// bundle (dist/decp-mcp.js), whose errors reach the CLI's exit-code handler.
const USER_ERROR = Symbol.for("decp.UserError");

export class UserError extends Error {
  readonly [USER_ERROR] = true;
  readonly where: ErrorLocation;
  readonly hint?: string;

  constructor(message: string, where: ErrorLocation = {}, hint?: string) {
    super(message);
    this.name = "UserError";
    this.where = where;
    this.hint = hint;
  }

  /** One line: "file:line: message (hint)". */
  describe(): string {
    const place = [this.where.file, this.where.line, this.where.column].filter((p) => p !== undefined).join(":");
    const head = place ? `${place}: ${this.message}` : this.message;
    return this.hint ? `${head}. ${this.hint}` : head;
  }
}

export function isUserError(error: unknown): error is UserError {
  return (
    error instanceof UserError ||
    (typeof error === "object" && error !== null && (error as { [USER_ERROR]?: unknown })[USER_ERROR] === true)
  );
}

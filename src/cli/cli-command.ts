import type { INestApplicationContext } from '@nestjs/common';

export interface CliContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** --flags (strings, or true for bare flags). */
  flags: Record<string, string | boolean>;
  /** The application (database, services) without HTTP or schedulers; created on first use. */
  app(): Promise<INestApplicationContext>;
  stdout: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** A CLI command. Commands live beside their feature (`<feature>.commands.ts`) and are listed in cli/commands.ts. */
export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  /** Flags that never take a value (see parseFlags). */
  bareFlags?: readonly string[];
  run(ctx: CliContext): Promise<number | void>;
}

/** A user mistake (bad argument, unreadable file): printed as one line, exit code 2, never a stack trace. */
export class CliUsageError extends Error {}

import { CliCommand } from './cli-command';
import { coreCommands } from './core.commands';
import { authCommands } from '../auth/auth.commands';

/** Every CLI command; each feature contributes its own list. */
export const COMMANDS: CliCommand[] = [...coreCommands, ...authCommands];

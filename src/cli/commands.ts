import { CliCommand } from './cli-command';
import { coreCommands } from './core.commands';
import { authCommands } from '../auth/auth.commands';
import { organisationCommands } from '../organisation/organisation.commands';
import { fetchCommands } from '../ingestion/fetch/fetch.commands';
import { sourcesCommands } from '../sources/sources.commands';
import { ingestionCommands } from '../ingestion/ingestion.commands';
import { classificationCommands } from '../classification/classification.commands';
import { escalationCommands } from '../escalation/escalation.commands';
import { incidentCommands } from '../incidents/incidents.commands';
import { statisticsCommands } from '../statistics/statistics.commands';
import { briefingCommands } from '../briefings/briefings.commands';

/** Every CLI command; each feature contributes its own list. */
export const COMMANDS: CliCommand[] = [
  ...coreCommands,
  ...authCommands,
  ...organisationCommands,
  ...fetchCommands,
  ...sourcesCommands,
  ...ingestionCommands,
  ...classificationCommands,
  ...incidentCommands,
  ...escalationCommands,
  ...statisticsCommands,
  ...briefingCommands,
];

/**
 * `shuzhi report …`: extraction of figures from work reports.
 */
import type { Command } from 'commander';

/** Adds the report commands to the program. */
export function addReportCommands(_program: Command): void {
  // Commands are added here.
}

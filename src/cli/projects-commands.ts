/**
 * `shuzhi` commands of the projects domain.
 */
import type { Command } from 'commander';

/** Adds the projects commands to the program. */
export function addProjectCommands(_program: Command): void {
  // Commands are added here.
}

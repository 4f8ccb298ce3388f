/**
 * `shuzhi` commands of the livelihood domain.
 */
import type { Command } from 'commander';

/** Adds the livelihood commands to the program. */
export function addLivelihoodCommands(_program: Command): void {
  // Commands are added here.
}

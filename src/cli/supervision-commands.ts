/**
 * `shuzhi` commands of the supervision domain.
 */
import type { Command } from 'commander';

/** Adds the supervision commands to the program. */
export function addSupervisionCommands(_program: Command): void {
  // Commands are added here.
}

/**
 * Table types of the livelihood domain; they mirror its migration. `DB` in schema.ts extends this.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in unless given. */
type CreatedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb columns are written as JSON text and read back as parsed values. */
type Json<T> = ColumnType<T, string, string>;

/** A yearly cycle of one congress (a district's or a town's). */
export interface LivelihoodCyclesTable {
  district_code: string;
  id: Generated<string>;
  region_code: string;
  region_path: string;
  year: number;
  title: string;
  phase: Generated<string>;
  planned_seats: Generated<number>;
  version: Generated<number>;
  created_at: CreatedTimestamp;
  updated_at: CreatedTimestamp;
}

/** A proposed project. */
export interface LivelihoodCandidatesTable {
  district_code: string;
  id: Generated<string>;
  cycle_id: string;
  title: string;
  description: Generated<string>;
  source: string;
  proposer_user_id: string | null;
  proposer_label: string | null;
  cost_wan: number | null;
  scope: string | null;
  goal_text: string | null;
  goal_value: number | null;
  goal_unit: string | null;
  department_code: string | null;
  feasibility: Generated<string>;
  screening_note: string | null;
  on_ballot: Generated<boolean>;
  outcome: string | null;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: CreatedTimestamp;
  updated_at: CreatedTimestamp;
}

/** A round of the congress ballot. */
export interface BallotSessionsTable {
  district_code: string;
  id: Generated<string>;
  cycle_id: string;
  round: number;
  parent_session_id: string | null;
  /** 'ballot' or 'runoff' (among the tied at the last seat). */
  kind: Generated<string>;
  title: string;
  candidate_ids: string[];
  seats: number;
  quorum_numerator: number;
  quorum_denominator: number;
  quorum_strict: boolean;
  pass_numerator: number;
  pass_denominator: number;
  pass_strict: boolean;
  pass_base: string;
  status: Generated<string>;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  counted_at: Timestamp | null;
  result: Json<unknown> | null;
  version: Generated<number>;
  created_at: CreatedTimestamp;
}

/** Who may vote in a session, whether they checked in and whether they voted. */
export interface BallotRollTable {
  district_code: string;
  session_id: string;
  user_id: string;
  display_name: string;
  checked_in_at: Timestamp | null;
  has_voted: Generated<boolean>;
}

/** One secret ballot. */
export interface BallotsTable {
  district_code: string;
  session_id: string;
  id: Generated<string>;
  choices: string[];
}

/** A tracked result (a chosen project or a part of one). */
export interface LivelihoodResultsTable {
  district_code: string;
  id: Generated<string>;
  cycle_id: string;
  candidate_id: string | null;
  parent_id: string | null;
  depth: Generated<number>;
  title: string;
  description: Generated<string>;
  weight: Generated<number>;
  status: Generated<string>;
  progress: number | null;
  goal_text: string | null;
  goal_value: number | null;
  goal_unit: string | null;
  achieved_value: number | null;
  start_date: string | null;
  end_date: string | null;
  department_code: string | null;
  sort_order: Generated<number>;
  version: Generated<number>;
  updated_at: CreatedTimestamp;
}

/** A milestone of a result. */
export interface LivelihoodResultMilestonesTable {
  district_code: string;
  id: Generated<string>;
  result_id: string;
  title: string;
  due_date: string;
  done_date: string | null;
  note: string | null;
  version: Generated<number>;
}

/** One change of a result, for its readable history. */
export interface LivelihoodResultUpdatesTable {
  district_code: string;
  id: Generated<number>;
  result_id: string;
  at: CreatedTimestamp;
  actor_label: string;
  changes: Json<Record<string, { before: unknown; after: unknown }>>;
  note: string | null;
}

/** A deputy's evaluation of a result at inspection. */
export interface LivelihoodEvaluationsTable {
  district_code: string;
  result_id: string;
  deputy_user_id: string;
  deputy_name: string;
  score: number;
  satisfaction: string;
  comment: string | null;
  version: Generated<number>;
  evaluated_at: CreatedTimestamp;
}

/** The livelihood tables by name. */
export interface LivelihoodTables {
  livelihood_cycles: LivelihoodCyclesTable;
  livelihood_candidates: LivelihoodCandidatesTable;
  ballot_sessions: BallotSessionsTable;
  ballot_roll: BallotRollTable;
  ballots: BallotsTable;
  livelihood_results: LivelihoodResultsTable;
  livelihood_result_milestones: LivelihoodResultMilestonesTable;
  livelihood_result_updates: LivelihoodResultUpdatesTable;
  livelihood_evaluations: LivelihoodEvaluationsTable;
}

export type { Generated, Json, Timestamp };

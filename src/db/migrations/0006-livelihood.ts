/**
 * 民生实事 (livelihood projects): the yearly cycle and its phases, candidates, the deputies'
 * ballot (sessions, the roll, secret ballots) and the tracked results of the chosen projects
 * (nested results, milestones, history, deputies' evaluations). Every table leads its key with
 * `district_code`.
 *
 * Secrecy of the ballot: `ballot_roll` is the only table that knows who voted; `ballots` holds
 * a random id and the sorted choices, with no user, no time and no sequence. Rows that are
 * inserted one per transaction could still be matched to the roll by physical order (ctid) or
 * by the inserting transaction (xmin); closing a session therefore rewrites its ballots in the
 * order of their random ids in one transaction (see closeBallotSession).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table livelihood_cycles (
      district_code text not null,
      id uuid not null default gen_random_uuid(),
      region_code text not null,
      region_path text not null,
      year integer not null check (year between 1990 and 2100),
      title text not null check (length(title) between 1 and 200),
      phase text not null default 'collecting'
        check (phase in ('collecting', 'screening', 'balloting', 'implementing', 'evaluating', 'finished')),
      planned_seats integer not null default 10 check (planned_seats between 1 and 100),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, id),
      unique (district_code, region_code, year),
      foreign key (district_code, region_code) references regions (district_code, code)
    )`.execute(db);

  await sql`
    create table livelihood_candidates (
      district_code text not null,
      id uuid not null default gen_random_uuid(),
      cycle_id uuid not null,
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 4000),
      source text not null check (source in ('public', 'deputy', 'department')),
      proposer_user_id uuid references users (id),
      proposer_label text check (length(proposer_label) <= 100),
      cost_wan double precision check (cost_wan >= 0 and cost_wan < 1e9),
      scope text check (length(scope) <= 500),
      goal_text text check (length(goal_text) <= 200),
      goal_value double precision check (goal_value > 0),
      goal_unit text check (length(goal_unit) <= 20),
      department_code text,
      feasibility text not null default 'pending' check (feasibility in ('pending', 'feasible', 'infeasible')),
      screening_note text check (length(screening_note) <= 2000),
      on_ballot boolean not null default false,
      outcome text check (outcome in ('elected', 'not_elected', 'runoff')),
      sort_order integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (district_code, id),
      foreign key (district_code, cycle_id) references livelihood_cycles (district_code, id),
      foreign key (district_code, department_code) references departments (district_code, code),
      check (not on_ballot or feasibility = 'feasible')
    )`.execute(db);
  await sql`create index livelihood_candidates_cycle on livelihood_candidates (district_code, cycle_id, sort_order)`.execute(db);

  await sql`
    create table ballot_sessions (
      district_code text not null,
      id uuid not null default gen_random_uuid(),
      cycle_id uuid not null,
      round integer not null default 1 check (round between 1 and 20),
      -- The session this one follows: a runoff after a tie, or a new ballot after an invalid
      -- one or one that left seats empty. Each session has at most one follower.
      parent_session_id uuid,
      -- 'runoff': among candidates tied at the last seat (most votes win, ballot-count.ts).
      kind text not null default 'ballot' check (kind in ('ballot', 'runoff')),
      title text not null check (length(title) between 1 and 200),
      candidate_ids uuid[] not null check (cardinality(candidate_ids) between 1 and 100),
      seats integer not null check (seats >= 1 and seats <= cardinality(candidate_ids)),
      quorum_numerator integer not null check (quorum_numerator >= 0),
      quorum_denominator integer not null check (quorum_denominator >= 1 and quorum_numerator <= quorum_denominator),
      quorum_strict boolean not null,
      pass_numerator integer not null check (pass_numerator >= 0),
      pass_denominator integer not null check (pass_denominator >= 1 and pass_numerator <= pass_denominator),
      pass_strict boolean not null,
      pass_base text not null check (pass_base in ('roll', 'present', 'cast')),
      status text not null default 'draft' check (status in ('draft', 'open', 'closed', 'counted')),
      opened_at timestamptz,
      closed_at timestamptz,
      counted_at timestamptz,
      result jsonb,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      primary key (district_code, id),
      foreign key (district_code, cycle_id) references livelihood_cycles (district_code, id),
      foreign key (district_code, parent_session_id) references ballot_sessions (district_code, id),
      check ((status = 'counted') = (result is not null)),
      check ((kind = 'runoff') <= (parent_session_id is not null))
    )`.execute(db);
  // One session per round of a cycle and one follower per session: two clicks on "new ballot"
  // or "runoff" cannot open two ballots (the service also locks the cycle row).
  await sql`create unique index ballot_sessions_cycle_round on ballot_sessions (district_code, cycle_id, round)`.execute(db);
  await sql`create unique index ballot_sessions_parent on ballot_sessions (district_code, parent_session_id) where parent_session_id is not null`.execute(db);

  // The roll: the only place that knows who voted (has_voted), never what.
  await sql`
    create table ballot_roll (
      district_code text not null,
      session_id uuid not null,
      user_id uuid not null references users (id),
      display_name text not null,
      checked_in_at timestamptz,
      has_voted boolean not null default false,
      primary key (district_code, session_id, user_id),
      foreign key (district_code, session_id) references ballot_sessions (district_code, id),
      check (not has_voted or checked_in_at is not null)
    )`.execute(db);

  // Secret ballots: a random id and the sorted choices; no user, no time, no sequence.
  await sql`
    create table ballots (
      district_code text not null,
      session_id uuid not null,
      id uuid not null default gen_random_uuid(),
      choices uuid[] not null,
      primary key (district_code, session_id, id),
      foreign key (district_code, session_id) references ballot_sessions (district_code, id)
    )`.execute(db);

  await sql`
    create table livelihood_results (
      district_code text not null,
      id uuid not null default gen_random_uuid(),
      cycle_id uuid not null,
      candidate_id uuid,
      parent_id uuid,
      -- 0 for a chosen project, 1 for its parts …; backups restore by depth, parents first.
      depth integer not null default 0 check (depth between 0 and 5),
      title text not null check (length(title) between 1 and 200),
      description text not null default '' check (length(description) <= 4000),
      weight double precision not null default 1 check (weight >= 0 and weight <= 1000),
      status text not null default 'planned' check (status in ('planned', 'started', 'in_progress', 'delayed', 'completed')),
      progress double precision check (progress between 0 and 100),
      goal_text text check (length(goal_text) <= 200),
      goal_value double precision check (goal_value > 0),
      goal_unit text check (length(goal_unit) <= 20),
      achieved_value double precision check (achieved_value >= 0),
      start_date text check (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      end_date text check (end_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      department_code text,
      sort_order integer not null default 0,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (district_code, id),
      foreign key (district_code, cycle_id) references livelihood_cycles (district_code, id),
      foreign key (district_code, candidate_id) references livelihood_candidates (district_code, id),
      foreign key (district_code, parent_id) references livelihood_results (district_code, id),
      foreign key (district_code, department_code) references departments (district_code, code),
      check (parent_id is null or parent_id <> id),
      check ((parent_id is null) = (depth = 0)),
      check (end_date is null or start_date is null or end_date >= start_date)
    )`.execute(db);
  await sql`create index livelihood_results_cycle on livelihood_results (district_code, cycle_id, sort_order)`.execute(db);
  await sql`create unique index livelihood_results_candidate on livelihood_results (district_code, candidate_id) where parent_id is null and candidate_id is not null`.execute(db);

  await sql`
    create table livelihood_result_milestones (
      district_code text not null,
      id uuid not null default gen_random_uuid(),
      result_id uuid not null,
      title text not null check (length(title) between 1 and 200),
      due_date text not null check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      done_date text check (done_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      note text check (length(note) <= 1000),
      version integer not null default 1,
      primary key (district_code, id),
      foreign key (district_code, result_id) references livelihood_results (district_code, id)
    )`.execute(db);
  await sql`create index livelihood_result_milestones_result on livelihood_result_milestones (district_code, result_id, due_date)`.execute(db);

  // The readable history of a result (Decidim's "version history"), one row per change.
  await sql`
    create table livelihood_result_updates (
      district_code text not null,
      id bigint generated by default as identity,
      result_id uuid not null,
      at timestamptz not null default now(),
      actor_label text not null,
      changes jsonb not null,
      note text check (length(note) <= 2000),
      primary key (district_code, id),
      foreign key (district_code, result_id) references livelihood_results (district_code, id)
    )`.execute(db);
  await sql`create index livelihood_result_updates_result on livelihood_result_updates (district_code, result_id, id)`.execute(db);

  await sql`
    create table livelihood_evaluations (
      district_code text not null,
      result_id uuid not null,
      deputy_user_id uuid not null references users (id),
      deputy_name text not null,
      score integer not null check (score between 0 and 100),
      satisfaction text not null check (satisfaction in ('satisfied', 'basically_satisfied', 'unsatisfied')),
      comment text check (length(comment) <= 2000),
      version integer not null default 1,
      evaluated_at timestamptz not null default now(),
      primary key (district_code, result_id, deputy_user_id),
      foreign key (district_code, result_id) references livelihood_results (district_code, id)
    )`.execute(db);
}

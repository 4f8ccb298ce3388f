/**
 * The livelihood endpoints (民生实事) through the shared client, and their response types
 * (mirroring src/domains/livelihood/livelihood-presenter.ts).
 */
import { apiGet, apiPost, apiRequest } from '../api/client';
import type {
  BallotRule,
  CandidateOutcome,
  CandidateSource,
  Feasibility,
  LivelihoodPhase,
  PassBase,
  ResultStatus,
  Satisfaction,
  SessionStatus,
} from '../../../src/shared/livelihood-vocabulary';

export interface Cycle {
  id: string;
  districtCode: string;
  regionCode: string;
  year: number;
  title: string;
  phase: LivelihoodPhase;
  phaseLabel: string;
  plannedSeats: number;
  version: number;
  updatedAt: string;
}

export interface Candidate {
  id: string;
  cycleId: string;
  title: string;
  description: string;
  source: CandidateSource;
  sourceLabel: string;
  proposer: string | null;
  costWan: number | null;
  scope: string | null;
  goalText: string | null;
  goalValue: number | null;
  goalUnit: string | null;
  departmentCode: string | null;
  feasibility: Feasibility;
  feasibilityLabel: string;
  screeningNote: string | null;
  onBallot: boolean;
  outcome: CandidateOutcome | null;
  outcomeLabel: string | null;
  version: number;
}

export interface Tally {
  candidateId: string;
  votes: number;
  passes: boolean;
  outcome: CandidateOutcome;
}

export interface CountResult {
  roll: number;
  present: number;
  quorumNeeded: number;
  valid: boolean;
  cast: number;
  blank: number;
  invalid: number;
  passBase: PassBase;
  passNeeded: number;
  /** A runoff among the tied: most votes win (absent on results stored before it existed). */
  runoff?: boolean;
  tallies: Tally[];
  elected: string[];
  tied: string[];
  runoffSeats: number;
  unfilledSeats: number;
  titles: Record<string, string>;
  recorded?: boolean;
}

export interface Session {
  id: string;
  cycleId: string;
  round: number;
  /** 'runoff': among the tied at the last seat, most votes win. */
  kind: 'ballot' | 'runoff';
  parentSessionId: string | null;
  title: string;
  candidateIds: string[];
  seats: number;
  rule: BallotRule;
  ruleText: string;
  status: SessionStatus;
  statusLabel: string;
  openedAt: string | null;
  closedAt: string | null;
  countedAt: string | null;
  result: CountResult | null;
  version: number;
}

export interface LiveCount {
  session: Session;
  roll: number;
  present: number;
  voted: number;
  ballots: number;
  quorumNeeded: number;
  quorumMet: boolean;
  passNeeded: number | null;
  count: CountResult | null;
  deputies: { userId: string; name: string; checkedIn: boolean; hasVoted: boolean }[] | null;
}

export interface MyBallot {
  session: { id: string; title: string; round: number; seats: number; status: SessionStatus; statusLabel: string; ruleText: string };
  cycle: { id: string; title: string; year: number };
  candidates: { id: string; title: string; description: string; costWan: number | null; scope: string | null; goalText: string | null; sourceLabel: string }[];
  me: { onRoll: boolean; checkedIn: boolean; hasVoted: boolean };
}

export interface Milestone {
  id: string;
  resultId: string;
  title: string;
  dueDate: string;
  doneDate: string | null;
  note: string | null;
  version: number;
}

export interface Result {
  id: string;
  cycleId: string;
  parentId: string | null;
  candidateId: string | null;
  title: string;
  description: string;
  weight: number;
  status: ResultStatus;
  statusLabel: string;
  progress: number;
  reportedProgress: number | null;
  goalText: string | null;
  goalValue: number | null;
  goalUnit: string | null;
  achievedValue: number | null;
  startDate: string | null;
  endDate: string | null;
  departmentCode: string | null;
  version: number;
  updatedAt: string;
  milestones: Milestone[];
  children: Result[];
}

export interface ResultUpdate {
  at: string;
  actor: string;
  text: string;
  note: string | null;
}

export interface Evaluation {
  resultId: string;
  deputyUserId: string;
  deputyName: string;
  score: number;
  satisfaction: Satisfaction;
  satisfactionLabel: string;
  comment: string | null;
  evaluatedAt: string;
}

export interface PublicPromise {
  id: string;
  title: string;
  description: string;
  goalText: string | null;
  goalValue: number | null;
  goalUnit: string | null;
  achievedValue: number | null;
  status: ResultStatus;
  statusLabel: string;
  progress: number;
  endDate: string | null;
  departmentCode: string | null;
  milestones: { title: string; dueDate: string; doneDate: string | null }[];
  children: PublicPromise[];
}

export interface PublicCycle {
  id: string;
  regionCode: string;
  year: number;
  title: string;
  phase: LivelihoodPhase;
  phaseLabel: string;
  progress: number;
  promises: PublicPromise[];
  ballots: { round: number; roll: number; present: number; cast: number; valid: boolean; tallies: { title: string; votes: number; outcome: string }[] }[];
}

const BASE = '/api/livelihood';

export const livelihoodApi = {
  cycles: (signal?: AbortSignal) => apiGet<{ cycles: Cycle[] }>(`${BASE}/cycles`, { signal }),
  createCycle: (body: { regionCode: string; year: number; title?: string; plannedSeats?: number }) => apiPost<{ cycle: Cycle }>(`${BASE}/cycles`, body),
  cycle: (id: string, signal?: AbortSignal) => apiGet<{ cycle: Cycle; candidates: Candidate[]; sessions: Session[] }>(`${BASE}/cycles/${id}`, { signal }),
  setPhase: (id: string, phase: LivelihoodPhase, version: number, acceptFewer?: boolean) =>
    apiPost<{ cycle: Cycle }>(`${BASE}/cycles/${id}/phase`, acceptFewer ? { phase, version, acceptFewer } : { phase, version }),
  propose: (cycleId: string, body: Record<string, unknown>) => apiPost<{ candidate: Candidate }>(`${BASE}/cycles/${cycleId}/candidates`, body),
  screen: (id: string, body: Record<string, unknown>) => apiRequest<{ candidate: Candidate }>(`${BASE}/candidates/${id}`, { method: 'PATCH', body }),
  createSession: (cycleId: string, body: Record<string, unknown>) => apiPost<{ session: Session }>(`${BASE}/cycles/${cycleId}/sessions`, body),
  sessionAction: (id: string, verb: 'open' | 'close' | 'count' | 'runoff') => apiPost<{ session: Session }>(`${BASE}/sessions/${id}/${verb}`),
  /** The chair's desk checks a deputy in (managers only; a deputy cannot check in from a phone). */
  checkIn: (id: string, userId: string) => apiPost<{ checkedIn: true; present: number }>(`${BASE}/sessions/${id}/check-in`, { userId }),
  live: (id: string, signal?: AbortSignal) => apiGet<LiveCount>(`${BASE}/sessions/${id}/live`, { signal }),
  mySessions: (signal?: AbortSignal) => apiGet<{ sessions: { id: string; title: string; status: string; hasVoted: boolean; checkedIn: boolean }[] }>(`${BASE}/my-sessions`, { signal }),
  myBallot: (id: string, signal?: AbortSignal) => apiGet<MyBallot>(`${BASE}/sessions/${id}/my-ballot`, { signal }),
  cast: (id: string, choices: string[]) => apiPost<{ cast: true }>(`${BASE}/sessions/${id}/ballots`, { choices }),
  results: (cycleId: string, signal?: AbortSignal) => apiGet<{ cycle: Cycle; results: Result[]; progress: number }>(`${BASE}/cycles/${cycleId}/results`, { signal }),
  result: (id: string, signal?: AbortSignal) => apiGet<{ result: Result; history: ResultUpdate[]; evaluations: Evaluation[] }>(`${BASE}/results/${id}`, { signal }),
  createResult: (cycleId: string, body: Record<string, unknown>) => apiPost<{ result: Result }>(`${BASE}/cycles/${cycleId}/results`, body),
  updateResult: (id: string, body: Record<string, unknown>) => apiRequest<{ result: Result }>(`${BASE}/results/${id}`, { method: 'PATCH', body }),
  addMilestone: (id: string, body: Record<string, unknown>) => apiPost<{ milestone: Milestone }>(`${BASE}/results/${id}/milestones`, body),
  updateMilestone: (id: string, body: Record<string, unknown>) => apiRequest<{ milestone: Milestone }>(`${BASE}/milestones/${id}`, { method: 'PATCH', body }),
  evaluate: (id: string, body: Record<string, unknown>) => apiRequest<{ evaluation: Evaluation }>(`${BASE}/results/${id}/evaluation`, { method: 'PUT', body }),
  importResults: (cycleId: string, file: File) =>
    apiRequest<{ created: number; updated: number; rejected: { row: number; field: string; message: string }[] }>(`${BASE}/cycles/${cycleId}/results/import`, {
      method: 'POST',
      raw: { body: file, contentType: 'text/csv' },
    }),
  publicPromises: (signal?: AbortSignal) => apiGet<{ cycles: PublicCycle[] }>('/api/public/promises', { signal, redirectOn401: false }),
};

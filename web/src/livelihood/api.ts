/**
 * The livelihood endpoints (民生实事) through the shared client. The response types are the
 * server's own views (src/shared/livelihood-vocabulary.ts), re-exported under short names.
 */
import { apiGet, apiPost, apiRequest } from '../api/client';
import type {
  CandidateTally,
  CandidateView,
  CycleView,
  EvaluationView,
  LiveCountView,
  LivelihoodPhase,
  MilestoneView,
  MyBallotView,
  MyOpenSessionView,
  PublicCycleView,
  PublicPromiseView,
  ResultImportSummary,
  ResultUpdateView,
  ResultView,
  SessionView,
  StoredResult,
} from '../../../src/shared/livelihood-vocabulary';

export type {
  CandidateTally as Tally,
  CandidateView as Candidate,
  CycleView as Cycle,
  EvaluationView as Evaluation,
  LiveCountView as LiveCount,
  MilestoneView as Milestone,
  MyBallotView as MyBallot,
  MyOpenSessionView as MyOpenSession,
  PublicCycleView as PublicCycle,
  PublicPromiseView as PublicPromise,
  ResultUpdateView as ResultUpdate,
  ResultView as Result,
  SessionView as Session,
  /** A counted session's stored result sheet (with the titles it was counted under). */
  StoredResult as CountResult,
};

const BASE = '/api/livelihood';

export const livelihoodApi = {
  cycles: (signal?: AbortSignal) => apiGet<{ cycles: CycleView[] }>(`${BASE}/cycles`, { signal }),
  createCycle: (body: { regionCode: string; year: number; title?: string; plannedSeats?: number }) => apiPost<{ cycle: CycleView }>(`${BASE}/cycles`, body),
  cycle: (id: string, signal?: AbortSignal) => apiGet<{ cycle: CycleView; candidates: CandidateView[]; sessions: SessionView[] }>(`${BASE}/cycles/${id}`, { signal }),
  setPhase: (id: string, phase: LivelihoodPhase, version: number, acceptFewer?: boolean) =>
    apiPost<{ cycle: CycleView }>(`${BASE}/cycles/${id}/phase`, acceptFewer ? { phase, version, acceptFewer } : { phase, version }),
  propose: (cycleId: string, body: Record<string, unknown>) => apiPost<{ candidate: CandidateView }>(`${BASE}/cycles/${cycleId}/candidates`, body),
  screen: (id: string, body: Record<string, unknown>) => apiRequest<{ candidate: CandidateView }>(`${BASE}/candidates/${id}`, { method: 'PATCH', body }),
  createSession: (cycleId: string, body: Record<string, unknown>) => apiPost<{ session: SessionView }>(`${BASE}/cycles/${cycleId}/sessions`, body),
  sessionAction: (id: string, verb: 'open' | 'close' | 'count' | 'runoff') => apiPost<{ session: SessionView }>(`${BASE}/sessions/${id}/${verb}`),
  /** The chair's desk checks a deputy in (managers only; a deputy cannot check in from a phone). */
  checkIn: (id: string, userId: string) => apiPost<{ checkedIn: true; present: number }>(`${BASE}/sessions/${id}/check-in`, { userId }),
  live: (id: string, signal?: AbortSignal) => apiGet<LiveCountView>(`${BASE}/sessions/${id}/live`, { signal }),
  mySessions: (signal?: AbortSignal) => apiGet<{ sessions: MyOpenSessionView[] }>(`${BASE}/my-sessions`, { signal }),
  myBallot: (id: string, signal?: AbortSignal) => apiGet<MyBallotView>(`${BASE}/sessions/${id}/my-ballot`, { signal }),
  cast: (id: string, choices: string[]) => apiPost<{ cast: true }>(`${BASE}/sessions/${id}/ballots`, { choices }),
  results: (cycleId: string, signal?: AbortSignal) => apiGet<{ cycle: CycleView; results: ResultView[]; progress: number }>(`${BASE}/cycles/${cycleId}/results`, { signal }),
  result: (id: string, signal?: AbortSignal) => apiGet<{ result: ResultView; history: ResultUpdateView[]; evaluations: EvaluationView[] }>(`${BASE}/results/${id}`, { signal }),
  createResult: (cycleId: string, body: Record<string, unknown>) => apiPost<{ result: ResultView }>(`${BASE}/cycles/${cycleId}/results`, body),
  updateResult: (id: string, body: Record<string, unknown>) => apiRequest<{ result: ResultView }>(`${BASE}/results/${id}`, { method: 'PATCH', body }),
  addMilestone: (id: string, body: Record<string, unknown>) => apiPost<{ milestone: MilestoneView }>(`${BASE}/results/${id}/milestones`, body),
  updateMilestone: (id: string, body: Record<string, unknown>) => apiRequest<{ milestone: MilestoneView }>(`${BASE}/milestones/${id}`, { method: 'PATCH', body }),
  evaluate: (id: string, body: Record<string, unknown>) => apiRequest<{ evaluation: EvaluationView }>(`${BASE}/results/${id}/evaluation`, { method: 'PUT', body }),
  importResults: (cycleId: string, file: File) =>
    apiRequest<ResultImportSummary>(`${BASE}/cycles/${cycleId}/results/import`, {
      method: 'POST',
      raw: { body: file, contentType: 'text/csv' },
    }),
  publicPromises: (signal?: AbortSignal) => apiGet<{ cycles: PublicCycleView[] }>('/api/public/promises', { signal, redirectOn401: false }),
};

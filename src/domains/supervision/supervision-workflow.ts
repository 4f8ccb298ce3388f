/**
 * The state machine of a supervision item (督办事项): which step may follow which, and who
 * may take it. Pure: the service finds how the actor relates to the item (policy) and asks here.
 *
 * 待交办 →交办→ 已交办 →签收→ 已签收 →反馈进展→ 办理中 →提交办结申请→ 已反馈 →审核通过→ 办结,
 * with 驳回 (已反馈 → 办理中) and 撤销 (any open state → 已撤销). 逾期 is a flag set by the sweep,
 * not a state: an overdue item keeps its step and can still be completed (late).
 * 见面/答复/评价 record the deputies' suggestion handling and do not move the state.
 */
import type { SupervisionAction, SupervisionRelation, SupervisionState } from '@/shared/supervision-vocabulary.js';

/** How an actor relates to an item (office, lead, assisting, deputy: see the shared vocabulary). */
export type Relation = SupervisionRelation;

/** One allowed move. `to: null` keeps the state. */
export interface TransitionRule {
  action: SupervisionAction;
  from: readonly SupervisionState[];
  by: readonly Relation[];
  to: SupervisionState | null;
  /** Only on deputies' suggestions. */
  suggestionOnly?: boolean;
}

const WORKING: readonly SupervisionState[] = ['signed', 'in_progress'];
const AFTER_ASSIGN: readonly SupervisionState[] = ['assigned', 'signed', 'in_progress', 'reported', 'completed'];

/** Every allowed move; the first rule matching action, state and relation wins. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'assign', from: ['pending'], by: ['office'], to: 'assigned' },
  { action: 'sign', from: ['assigned'], by: ['lead'], to: 'signed' },
  { action: 'feedback', from: WORKING, by: ['lead'], to: 'in_progress' },
  { action: 'feedback', from: ['assigned', 'signed', 'in_progress', 'reported'], by: ['assisting'], to: null },
  { action: 'submit', from: WORKING, by: ['lead'], to: 'reported' },
  { action: 'approve', from: ['reported'], by: ['office'], to: 'completed' },
  { action: 'reject', from: ['reported'], by: ['office'], to: 'in_progress' },
  { action: 'cancel', from: ['pending', 'assigned', 'signed', 'in_progress', 'reported'], by: ['office'], to: 'cancelled' },
  { action: 'meet', from: AFTER_ASSIGN, by: ['lead', 'office'], to: null, suggestionOnly: true },
  { action: 'reply', from: AFTER_ASSIGN, by: ['lead', 'office'], to: null, suggestionOnly: true },
  { action: 'evaluate', from: AFTER_ASSIGN, by: ['deputy', 'office'], to: null, suggestionOnly: true },
];

/** The outcome of asking whether a move is allowed. */
export type TransitionCheck =
  | { ok: true; to: SupervisionState; rule: TransitionRule }
  | { ok: false; reason: 'not_suggestion' | 'state' | 'role' };

/**
 * Whether an actor with these relations may take `action` on an item in `state`. `role` is
 * preferred over `state` as the reason when the actor could never take the action, so the
 * caller can answer FORBIDDEN rather than "wrong state".
 */
export function checkTransition(input: {
  action: SupervisionAction;
  state: SupervisionState;
  relations: readonly Relation[];
  isSuggestion: boolean;
}): TransitionCheck {
  const rules = TRANSITIONS.filter((r) => r.action === input.action);
  if (rules.some((r) => r.suggestionOnly) && !input.isSuggestion) return { ok: false, reason: 'not_suggestion' };
  const mine = rules.filter((r) => r.by.some((b) => input.relations.includes(b)));
  if (mine.length === 0) return { ok: false, reason: 'role' };
  const rule = mine.find((r) => r.from.includes(input.state));
  if (!rule) return { ok: false, reason: 'state' };
  return { ok: true, to: rule.to ?? input.state, rule };
}

/** The actions an actor may take now (for the UI's buttons). */
export function availableActions(input: { state: SupervisionState; relations: readonly Relation[]; isSuggestion: boolean }): SupervisionAction[] {
  const out: SupervisionAction[] = [];
  for (const rule of TRANSITIONS) {
    if (out.includes(rule.action)) continue;
    if (checkTransition({ ...input, action: rule.action }).ok) out.push(rule.action);
  }
  return out;
}

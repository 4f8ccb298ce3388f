/**
 * What each workflow action asks for (docs/cases-api.md, "Workflow"): which parameters its
 * form shows, which are required, and which actions the workbench offers in bulk per queue.
 */
import type { CaseAction, CaseQueue } from './types';

/** The parameters of an action's form besides the note. */
export type ActionParam = 'department' | 'amount' | 'mergeInto' | 'satisfaction' | 'category' | 'photos';

/** How one action's form looks. */
export interface ActionSpec {
  params: readonly ActionParam[];
  noteRequired: boolean;
  /** Shown as a red (danger) button: it undoes or refuses work. */
  danger: boolean;
  /** The primary action of a state, shown as the blue button. */
  primary: boolean;
}

const PARAMS: Partial<Record<CaseAction, readonly ActionParam[]>> = {
  dispatch: ['department'],
  reassign: ['department'],
  request_extension: ['amount'],
  merge: ['mergeInto'],
  callback: ['satisfaction'],
  register: ['category'],
  handle: ['photos'],
  check_pass: ['photos'],
  check_fail: ['photos'],
  report_verification: ['photos'],
};

const NOTE_REQUIRED: readonly CaseAction[] = [
  'void',
  'return',
  'reassign',
  'request_extension',
  'request_park',
  'reject_extension',
  'reject_park',
  'check_fail',
  'handle',
];

const DANGER: readonly CaseAction[] = ['void', 'return', 'reject_extension', 'reject_park', 'check_fail'];

const PRIMARY: readonly CaseAction[] = [
  'register',
  'dispatch',
  'sign',
  'handle',
  'check_pass',
  'close',
  'callback',
  'report_verification',
  'approve_extension',
  'approve_park',
];

/** The form of an action. */
export function actionSpec(action: CaseAction): ActionSpec {
  return {
    params: PARAMS[action] ?? [],
    noteRequired: NOTE_REQUIRED.includes(action),
    danger: DANGER.includes(action),
    primary: PRIMARY.includes(action),
  };
}

/** The actions the workbench offers on several selected cases at once, per queue. */
export const BULK_ACTIONS: Record<CaseQueue, readonly CaseAction[]> = {
  intake: ['register', 'request_verification', 'void'],
  verify: ['register', 'void'],
  dispatch: ['dispatch', 'void'],
  approvals: ['approve_extension', 'reject_extension', 'approve_park', 'reject_park'],
  inbox: ['sign'],
  check: ['check_pass'],
  callback: [],
  unrouted: ['void'],
  mine: [],
  all: ['register', 'dispatch', 'void'],
};

/**
 * The shapes the supervision API answers with (src/domains/supervision/supervision-presenter.ts).
 */
import type { NoticeLevel, Satisfaction, SupervisionAction, SupervisionColour, SupervisionSource, SupervisionState } from '../../../src/shared/supervision-vocabulary';

/** A lead or assisting unit. */
export interface Unit {
  kind: 'department' | 'region';
  code: string;
  name: string;
}

/** A supervision item. */
export interface Item {
  id: number;
  code: string;
  sourceType: SupervisionSource;
  sourceLabel: string;
  sourceId: string | null;
  title: string;
  description: string;
  regionCode: string;
  regionName: string;
  leadUnit: Unit;
  assistingUnits: Unit[];
  deadline: string;
  daysLeft: number;
  feedbackIntervalDays: number | null;
  lastFeedbackAt: string | null;
  progress: number;
  state: SupervisionState;
  stateLabel: string;
  colour: SupervisionColour;
  colourReasons: string[];
  timeProgress: number | null;
  noticeLevel: NoticeLevel | null;
  overdue: boolean;
  overdueAt: string | null;
  assignedAt: string | null;
  completedAt: string | null;
  completedOnTime: boolean | null;
  rejectCount: number;
  deputy: { name: string | null; hasAccount: boolean; metOn: string | null; repliedOn: string | null; satisfaction: Satisfaction | null; satisfactionLabel: string | null } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  relations: string[];
  actions: SupervisionAction[];
}

/** A timeline entry. */
export interface ItemEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  actionLabel: string;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  progress: number | null;
}

/** A three-colour notice. */
export interface ItemNotice {
  id: number;
  colour: NoticeLevel;
  reason: string;
  issuedAt: string;
  unit: Unit;
}

/** The list answer. */
export interface ItemPage {
  items: Item[];
  total: number;
  counts: { state: SupervisionState; colour: SupervisionColour; overdue: boolean; n: number }[];
}

/** A source offered for 立项督办. */
export interface Source {
  kind: 'case' | 'indicator' | 'project';
  id: string;
  title: string;
  description: string;
  regionCode: string;
  lead: { kind: 'department' | 'region'; code: string };
  leadName: string;
  colour: SupervisionColour;
  reason: string;
  itemCode: string | null;
}

/** One outcome of a bulk raise. */
export interface RaiseOutcome {
  kind: string;
  id: string;
  ok: boolean;
  itemCode?: string;
  code?: string;
  message?: string;
}

/** The three rates. */
export interface Rates {
  total: number;
  met: number;
  replied: number;
  evaluated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  meetRate: number | null;
  replyRate: number | null;
  satisfactionRate: number | null;
}

/** A unit's rating. */
export interface UnitRating {
  kind: 'department' | 'region';
  code: string;
  name: string;
  due: number;
  completed: number;
  completedOnTime: number;
  onTimeRate: number | null;
  overdue: number;
  open: number;
  yellowNotices: number;
  redNotices: number;
  colour: SupervisionColour;
  previousColour: SupervisionColour | null;
  blackListed: boolean;
  blackReasons: string[];
  list: 'honour' | 'warning' | 'black' | null;
}

/** The ratings answer. */
export interface Ratings {
  period: string;
  ratings: UnitRating[];
  honour: UnitRating[];
  warning: UnitRating[];
  black: UnitRating[];
}

/**
 * zod schemas of the livelihood operations, shared by HTTP and CLI.
 */
import { z } from 'zod';
import {
  CANDIDATE_SOURCES,
  FEASIBILITIES,
  LIVELIHOOD_PHASES,
  PASS_BASES,
  RESULT_STATUSES,
  SATISFACTIONS,
} from '@/shared/livelihood-vocabulary.js';

const uuid = z.uuid('须为有效的编号');
const version = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max, `不超过${max}个字符`);
const title = z.string().trim().min(1, '标题不能为空').max(200, '不超过200个字符');
const date = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, '日期格式须为 YYYY-MM-DD');
const departmentCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, '部门编码格式不正确');
const goal = {
  goalText: text(200).nullable().optional(),
  goalValue: z.number().finite().gt(0, '目标值须大于0').max(1e12).nullable().optional(),
  goalUnit: text(20).nullable().optional(),
};

/** Path parameter `:id`. */
export const idParamSchema = z.strictObject({ id: z.string().max(64) });

/** Body of `POST /api/livelihood/cycles`. */
export const createCycleSchema = z.strictObject({
  regionCode: z.string().regex(/^[0-9]{6}([0-9]{3})?$/, '须为区县或镇街编码'),
  year: z.number().int().min(1990, '年份须在1990–2100之间').max(2100, '年份须在1990–2100之间'),
  title: title.optional(),
  plannedSeats: z.number().int().min(1, '名额至少1个').max(100).optional(),
});
/** Input of a new cycle. */
export type CreateCycleInput = z.infer<typeof createCycleSchema>;

/** Body of `POST /api/livelihood/cycles/:id/phase`. */
export const setPhaseSchema = z.strictObject({
  phase: z.enum(LIVELIHOOD_PHASES),
  version,
  /**
   * Entering implementing although the last ballot was invalid or left seats empty: the
   * manager accepts the projects elected so far (at least one) instead of balloting again.
   */
  acceptFewer: z.boolean().optional(),
});
/** Input of a phase change. */
export type SetPhaseInput = z.infer<typeof setPhaseSchema>;

/** Body of `POST /api/livelihood/cycles/:id/candidates`. */
export const proposeCandidateSchema = z.strictObject({
  title,
  description: text(4000).optional(),
  source: z.enum(CANDIDATE_SOURCES).optional(),
  proposerLabel: text(100).nullable().optional(),
  costWan: z.number().finite().min(0, '投资不能为负').max(1e8).nullable().optional(),
  scope: text(500).nullable().optional(),
  departmentCode: departmentCode.nullable().optional(),
  ...goal,
});
/** Input of a proposal. */
export type ProposeCandidateInput = z.infer<typeof proposeCandidateSchema>;

/** Body of `PATCH /api/livelihood/candidates/:id` (screening). */
export const screenCandidateSchema = z.strictObject({
  version,
  title: title.optional(),
  description: text(4000).optional(),
  costWan: z.number().finite().min(0, '投资不能为负').max(1e8).nullable().optional(),
  scope: text(500).nullable().optional(),
  departmentCode: departmentCode.nullable().optional(),
  feasibility: z.enum(FEASIBILITIES).optional(),
  screeningNote: text(2000).nullable().optional(),
  onBallot: z.boolean().optional(),
  ...goal,
});
/** Input of a screening change. */
export type ScreenCandidateInput = z.infer<typeof screenCandidateSchema>;

const threshold = z.strictObject({
  numerator: z.number().int().min(0).max(1000),
  denominator: z.number().int().min(1).max(1000),
  strict: z.boolean(),
});

/** Body of `POST /api/livelihood/cycles/:id/sessions`. */
export const createSessionSchema = z.strictObject({
  title: title.optional(),
  seats: z.number().int().min(1, '应选名额至少1个').max(100).optional(),
  candidateIds: z.array(uuid).min(1).max(100).optional(),
  quorum: threshold.refine((t) => t.numerator <= t.denominator, { message: '比例不能超过1', path: ['numerator'] }).optional(),
  pass: threshold
    .extend({ base: z.enum(PASS_BASES) })
    .refine((t) => t.numerator <= t.denominator, { message: '比例不能超过1', path: ['numerator'] })
    .optional(),
  /**
   * Put the deputies whose account region IS the cycle's region (that level's congress) on the
   * roll (default true); deputies registered below it are added only by setting the roll.
   */
  rollFromRegion: z.boolean().optional(),
});
/** Input of a new session. */
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

/** Body of `POST /api/livelihood/cycles/:id/paper-ballot`: a tally counted on paper, entered by hand. */
export const recordPaperBallotSchema = z.strictObject({
  title: title.optional(),
  heldOn: date,
  seats: z.number().int().min(1).max(100),
  roll: z.number().int().min(1).max(5000),
  present: z.number().int().min(0).max(5000),
  cast: z.number().int().min(0).max(5000),
  blank: z.number().int().min(0).max(5000).optional(),
  invalid: z.number().int().min(0).max(5000).optional(),
  votes: z.array(z.strictObject({ candidateId: uuid, votes: z.number().int().min(0).max(5000) })).min(1).max(100),
});
/** Input of a paper ballot's tally. */
export type RecordPaperBallotInput = z.infer<typeof recordPaperBallotSchema>;

/** Body of `PUT /api/livelihood/sessions/:id/roll`. */
export const setRollSchema = z.strictObject({ userIds: z.array(uuid).max(5000) });

/** Body of `POST /api/livelihood/sessions/:id/check-in`. */
export const checkInSchema = z.strictObject({ userId: uuid });

/** Body of `POST /api/livelihood/sessions/:id/ballots`. */
export const castBallotSchema = z.strictObject({ choices: z.array(uuid).max(100) });
/** Input of a ballot. */
export type CastBallotInput = z.infer<typeof castBallotSchema>;

/** Body of `POST /api/livelihood/cycles/:id/results`. */
export const createResultSchema = z.strictObject({
  title,
  description: text(4000).optional(),
  parentId: uuid.nullable().optional(),
  candidateId: uuid.nullable().optional(),
  weight: z.number().finite().min(0).max(1000).optional(),
  status: z.enum(RESULT_STATUSES).optional(),
  progress: z.number().finite().min(0).max(100).nullable().optional(),
  achievedValue: z.number().finite().min(0).max(1e12).nullable().optional(),
  startDate: date.nullable().optional(),
  endDate: date.nullable().optional(),
  departmentCode: departmentCode.nullable().optional(),
  ...goal,
});
/** Input of a new result. */
export type CreateResultInput = z.infer<typeof createResultSchema>;

/** Body of `PATCH /api/livelihood/results/:id`. */
export const updateResultSchema = z.strictObject({
  version,
  title: title.optional(),
  description: text(4000).optional(),
  weight: z.number().finite().min(0).max(1000).optional(),
  status: z.enum(RESULT_STATUSES).optional(),
  progress: z.number().finite().min(0, '进度在0–100之间').max(100, '进度在0–100之间').nullable().optional(),
  achievedValue: z.number().finite().min(0).max(1e12).nullable().optional(),
  startDate: date.nullable().optional(),
  endDate: date.nullable().optional(),
  departmentCode: departmentCode.nullable().optional(),
  note: text(2000).optional(),
  ...goal,
});
/** Input of a result change. */
export type UpdateResultInput = z.infer<typeof updateResultSchema>;

/** Body of `POST /api/livelihood/results/:id/milestones`. */
export const addMilestoneSchema = z.strictObject({ title, dueDate: date, doneDate: date.nullable().optional(), note: text(1000).nullable().optional() });
/** Input of a new milestone. */
export type AddMilestoneInput = z.infer<typeof addMilestoneSchema>;

/** Body of `PATCH /api/livelihood/milestones/:id`. */
export const updateMilestoneSchema = z.strictObject({ version, doneDate: date.nullable().optional(), note: text(1000).nullable().optional() });
/** Input of a milestone change. */
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneSchema>;

/** Body of `PUT /api/livelihood/results/:id/evaluation`. */
export const evaluateResultSchema = z.strictObject({
  score: z.number().int().min(0, '评分在0–100之间').max(100, '评分在0–100之间'),
  satisfaction: z.enum(SATISFACTIONS),
  comment: text(2000).nullable().optional(),
});
/** Input of an evaluation. */
export type EvaluateResultInput = z.infer<typeof evaluateResultSchema>;

/** Query of the public promises page. */
export const promisesQuerySchema = z.strictObject({
  region: z.string().regex(/^[0-9]{6}([0-9]{3})?$/, '须为区县或镇街编码').optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

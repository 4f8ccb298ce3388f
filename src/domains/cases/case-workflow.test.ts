import { describe, expect, it } from 'vitest';
import type { Actor } from '@/shared/actor.js';
import {
  CASE_ACTIONS,
  CASE_STATES,
  SATISFACTIONS,
  type CaseAction,
  type CaseState,
  type Satisfaction,
} from '@/shared/case-vocabulary.js';
import { ROLES, type Role } from '@/shared/roles.js';
import { TRANSITIONS, allowedActions, nextState, refuseTransition, type WorkflowCase } from './case-workflow.js';

// The expected tables below are written by hand from STANDARDS.md §3 (the seven steps and the
// side paths 退回, 改派, 延期, 挂账, 作废, 返工, 发回重办, 并单) and the role mapping of the
// module's header; they are deliberately NOT derived from TRANSITIONS, so that a slip in
// TRANSITIONS shows up as a failing row.

/** From each state, the actions the workflow allows (by hand). */
const ACTIONS_FROM: Record<CaseState, readonly CaseAction[]> = {
  // 信息采集: accept → optionally send the reporter/grid worker to verify → register, or void / merge.
  reported: ['request_verification', 'register', 'void', 'merge'],
  verifying: ['report_verification', 'register', 'void', 'merge'],
  // 案卷建立: dispatch, or still void / merge a duplicate.
  registered: ['dispatch', 'void', 'merge'],
  // 任务派遣: the department signs for it or returns it; the dispatcher may reassign.
  dispatched: ['reassign', 'sign', 'return'],
  // 任务处置: handle, return, reassign, ask for and decide 延期 / 挂账.
  accepted: [
    'reassign',
    'return',
    'handle',
    'request_extension',
    'approve_extension',
    'reject_extension',
    'request_park',
    'approve_park',
    'reject_park',
  ],
  parked: ['unpark'],
  // 处理反馈 → 核查: pass or fail (返工).
  handled: ['check_pass', 'check_fail'],
  // 核查结案.
  checked: ['close'],
  // 综合评价: the call-back.
  closed: ['callback'],
  visited: [],
  voided: [],
  merged: [],
};

/** Who may take each action besides admin (by hand). */
const ROLES_FOR: Record<CaseAction, readonly Role[]> = {
  request_verification: ['operator', 'town_admin'],
  report_verification: ['grid_worker', 'operator', 'town_admin'],
  register: ['operator', 'town_admin'],
  void: ['operator', 'town_admin'],
  merge: ['operator', 'town_admin'],
  dispatch: ['dispatcher', 'town_admin'],
  reassign: ['dispatcher', 'town_admin'],
  sign: ['department_handler'],
  return: ['department_handler'],
  handle: ['department_handler'],
  request_extension: ['department_handler'],
  approve_extension: ['dispatcher', 'town_admin'],
  reject_extension: ['dispatcher', 'town_admin'],
  request_park: ['department_handler'],
  approve_park: ['dispatcher', 'town_admin'],
  reject_park: ['dispatcher', 'town_admin'],
  unpark: ['dispatcher', 'town_admin', 'department_handler'],
  check_pass: ['grid_worker', 'operator', 'town_admin'],
  check_fail: ['grid_worker', 'operator', 'town_admin'],
  close: ['operator', 'town_admin'],
  callback: ['operator', 'town_admin'],
};

/** Actions a department handler may take only on a case of their own department (by hand). */
const OWN_DEPARTMENT: readonly CaseAction[] = ['sign', 'return', 'handle', 'request_extension', 'request_park', 'unpark'];

type Pending = WorkflowCase['pendingRequest'];
const EXTENSION: Pending = { type: 'extension' };
const PARK: Pending = { type: 'park' };

/** Which pending request each action accepts in an accepted case (by hand). */
const PENDING_ACCEPTED: Record<string, { none: boolean; extension: boolean; park: boolean }> = {
  reassign: { none: true, extension: false, park: false },
  return: { none: true, extension: false, park: false },
  handle: { none: true, extension: false, park: false },
  request_extension: { none: true, extension: false, park: false },
  request_park: { none: true, extension: false, park: false },
  approve_extension: { none: false, extension: true, park: false },
  reject_extension: { none: false, extension: true, park: false },
  approve_park: { none: false, extension: false, park: true },
  reject_park: { none: false, extension: false, park: true },
};

/** The pending request an action needs to be possible at all. */
function pendingFor(action: CaseAction): Pending {
  if (action === 'approve_extension' || action === 'reject_extension') return EXTENSION;
  if (action === 'approve_park' || action === 'reject_park') return PARK;
  return null;
}

const DEPT = '330109-CGJ';
const OTHER_DEPT = '330109-ZJJ';

function workflowCase(status: CaseState, overrides: Partial<WorkflowCase> = {}): WorkflowCase {
  return { status, departmentCode: DEPT, assigneeId: null, pendingRequest: null, ...overrides };
}

function actor(role: Role, overrides: Partial<Actor> = {}): Actor {
  return {
    userId: `u-${role}`,
    label: `user:${role}`,
    role,
    districtCode: '330109',
    regionCode: '330109',
    regionPath: '/330109/',
    departmentCode: role === 'department_handler' ? DEPT : null,
    ...overrides,
  };
}

const admin = actor('admin');

describe('the hand-written tables', () => {
  it('cover every state, action and the vocabulary', () => {
    expect(Object.keys(ACTIONS_FROM).sort()).toEqual([...CASE_STATES].sort());
    expect(Object.keys(ROLES_FOR).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_ACTIONS].sort());
    // Every action is possible from some state, and the final states admit nothing.
    for (const action of CASE_ACTIONS) {
      expect(CASE_STATES.some((s) => ACTIONS_FROM[s].includes(action))).toBe(true);
    }
  });
});

describe('refuseTransition: every action × every state', () => {
  const rows = CASE_ACTIONS.flatMap((action) =>
    CASE_STATES.map((state) => ({ action, state, allowed: ACTIONS_FROM[state].includes(action) })),
  );
  it('has a row for each of the 21 actions in each of the 12 states', () => {
    expect(rows).toHaveLength(21 * 12);
  });

  it.each(rows)('$action from $state: allowed $allowed', ({ action, state, allowed }) => {
    // The admin may take any role's action, so only the state (and the pending request the
    // action needs) decides.
    const c = workflowCase(state, { pendingRequest: state === 'accepted' ? pendingFor(action) : null });
    const refusal = refuseTransition(action, c, admin);
    if (allowed) {
      expect(refusal).toBeNull();
    } else {
      expect(refusal).not.toBeNull();
      expect(refusal?.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(refusal?.userMessage).toBe('案件当前状态不允许此操作');
      expect(refusal?.reason).toBe(`${action} is not allowed from ${state}`);
    }
  });

  it.each(rows.filter((r) => !r.allowed))(
    '$action from $state is a state conflict for every role, before any role check',
    ({ action, state }) => {
      for (const role of ROLES) {
        const refusal = refuseTransition(action, workflowCase(state), actor(role, { departmentCode: OTHER_DEPT }));
        expect(refusal?.code).toBe('TRANSITION_NOT_ALLOWED');
      }
    },
  );
});

describe('refuseTransition: every action × every role', () => {
  /** A state the action is allowed from (by hand). */
  const stateFor = (action: CaseAction): CaseState => CASE_STATES.find((s) => ACTIONS_FROM[s].includes(action)) as CaseState;

  const rows = CASE_ACTIONS.flatMap((action) =>
    ROLES.map((role) => ({ action, role, allowed: role === 'admin' || ROLES_FOR[action].includes(role) })),
  );
  it('has a row for each of the 21 actions and each of the 9 roles', () => {
    expect(rows).toHaveLength(21 * 9);
  });

  it.each(rows)('$role may $action: $allowed', ({ action, role, allowed }) => {
    const c = workflowCase(stateFor(action), { pendingRequest: pendingFor(action) });
    const refusal = refuseTransition(action, c, actor(role));
    if (allowed) {
      expect(refusal).toBeNull();
    } else {
      expect(refusal?.code).toBe('FORBIDDEN');
      expect(refusal?.reason).toBe(`role ${role} cannot ${action}`);
      expect(refusal?.userMessage).toBe('当前角色无权执行此操作');
    }
  });

  describe('department handlers act only on their own department’s cases', () => {
    const deptRows = CASE_ACTIONS.filter((a) => ROLES_FOR[a].includes('department_handler')).flatMap((action) => [
      { action, actorDept: DEPT as string | null, allowed: true },
      { action, actorDept: OTHER_DEPT as string | null, allowed: false },
      { action, actorDept: null as string | null, allowed: false },
    ]);
    it('the department handler’s actions are exactly the own-department ones', () => {
      expect(deptRows.map((r) => r.action).filter((a, i, all) => all.indexOf(a) === i)).toEqual(OWN_DEPARTMENT);
    });

    it.each(deptRows)('$action by a handler of $actorDept: allowed $allowed', ({ action, actorDept, allowed }) => {
      const c = workflowCase(stateFor(action), { pendingRequest: pendingFor(action) });
      const refusal = refuseTransition(action, c, actor('department_handler', { departmentCode: actorDept }));
      if (allowed) {
        expect(refusal).toBeNull();
      } else {
        expect(refusal?.code).toBe('FORBIDDEN');
        expect(refusal?.userMessage).toBe('只有承办部门可以执行此操作');
      }
    });

    it.each(ROLES.filter((r) => r !== 'department_handler'))(
      'the department rule does not bind %s (unpark of another department’s case)',
      (role) => {
        const refusal = refuseTransition('unpark', workflowCase('parked'), actor(role, { departmentCode: OTHER_DEPT }));
        expect(refusal === null).toBe(role === 'admin' || ROLES_FOR.unpark.includes(role));
      },
    );

    it('an admin acts on any department’s case', () => {
      for (const action of OWN_DEPARTMENT) {
        const c = workflowCase(stateFor(action), { departmentCode: OTHER_DEPT });
        expect(refuseTransition(action, c, actor('admin', { departmentCode: DEPT }))).toBeNull();
      }
    });
  });

  describe('a grid worker reports a verification only when it is theirs', () => {
    it.each<[string, Role, string | null, string | null, 'allowed' | 'FORBIDDEN']>([
      ['unassigned: any grid worker', 'grid_worker', null, 'u-gw1', 'allowed'],
      ['assigned to this grid worker', 'grid_worker', 'u-gw1', 'u-gw1', 'allowed'],
      ['assigned to another grid worker', 'grid_worker', 'u-gw2', 'u-gw1', 'FORBIDDEN'],
      ['assigned, and the grid worker has no user id', 'grid_worker', 'u-gw2', null, 'FORBIDDEN'],
      ['the operator reports in anyone’s stead', 'operator', 'u-gw2', 'u-op', 'allowed'],
      ['the town administrator reports in anyone’s stead', 'town_admin', 'u-gw2', 'u-ta', 'allowed'],
      ['the admin reports in anyone’s stead', 'admin', 'u-gw2', 'u-admin', 'allowed'],
    ])('%s', (_name, role, assigneeId, userId, expected) => {
      const refusal = refuseTransition('report_verification', workflowCase('verifying', { assigneeId }), actor(role, { userId }));
      if (expected === 'allowed') {
        expect(refusal).toBeNull();
      } else {
        expect(refusal?.code).toBe('FORBIDDEN');
        expect(refusal?.userMessage).toBe('核实任务已指派给其他网格员');
      }
    });

    it('the assignee rule is only for verification: another grid worker may check on site', () => {
      const c = workflowCase('handled', { assigneeId: 'u-gw2' });
      expect(refuseTransition('check_pass', c, actor('grid_worker', { userId: 'u-gw1' }))).toBeNull();
      expect(refuseTransition('check_fail', c, actor('grid_worker', { userId: 'u-gw1' }))).toBeNull();
    });
  });
});

describe('refuseTransition: pending requests', () => {
  const rows = Object.entries(PENDING_ACCEPTED).flatMap(([action, accepts]) =>
    (
      [
        ['none', null],
        ['extension', EXTENSION],
        ['park', PARK],
      ] as const
    ).map(([name, pending]) => ({ action: action as CaseAction, name, pending, allowed: accepts[name] })),
  );

  it.each(rows)('$action in an accepted case with pending $name: allowed $allowed', ({ action, pending, allowed }) => {
    const c = workflowCase('accepted', { pendingRequest: pending });
    // The admin and the action's own role are refused alike: a pending request is a state
    // problem, not a permission one.
    for (const who of [admin, actor(ROLES_FOR[action][0] as Role)]) {
      const refusal = refuseTransition(action, c, who);
      if (allowed) {
        expect(refusal).toBeNull();
      } else {
        expect(refusal?.code).toBe('TRANSITION_NOT_ALLOWED');
        // An approval without its request vs. another action blocked by a request.
        const needsRequest = !PENDING_ACCEPTED[action]?.none;
        expect(refusal?.userMessage).toBe(needsRequest ? '没有待审批的申请' : '案件有待审批的申请,请先审批');
      }
    }
  });

  it('a pending request is reported before a role problem', () => {
    const c = workflowCase('accepted', { pendingRequest: EXTENSION });
    expect(refuseTransition('handle', c, actor('viewer'))?.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(refuseTransition('handle', c, actor('department_handler', { departmentCode: OTHER_DEPT }))?.code).toBe(
      'TRANSITION_NOT_ALLOWED',
    );
  });

  it('a role problem is reported when there is no state problem', () => {
    const c = workflowCase('accepted', { pendingRequest: EXTENSION });
    expect(refuseTransition('approve_extension', c, actor('department_handler'))?.code).toBe('FORBIDDEN');
  });

  it.each<[CaseAction, CaseState]>([
    ['sign', 'dispatched'],
    ['unpark', 'parked'],
    ['check_pass', 'handled'],
    ['close', 'checked'],
  ])('%s from %s does not look at a pending request', (action, state) => {
    for (const pendingRequest of [null, EXTENSION, PARK]) {
      expect(refuseTransition(action, workflowCase(state, { pendingRequest }), admin)).toBeNull();
    }
  });

  it('reassign and return from dispatched are blocked by a pending request too', () => {
    for (const action of ['reassign', 'return'] as const) {
      expect(refuseTransition(action, workflowCase('dispatched', { pendingRequest: PARK }), admin)?.code).toBe(
        'TRANSITION_NOT_ALLOWED',
      );
    }
  });
});

describe('allowedActions', () => {
  it.each<[string, WorkflowCase, Actor, CaseAction[]]>([
    ['admin, reported', workflowCase('reported'), admin, ['request_verification', 'register', 'void', 'merge']],
    ['operator, reported', workflowCase('reported'), actor('operator'), ['request_verification', 'register', 'void', 'merge']],
    ['dispatcher, reported', workflowCase('reported'), actor('dispatcher'), []],
    ['grid worker, verifying, assigned to them', workflowCase('verifying', { assigneeId: 'u-grid_worker' }), actor('grid_worker'), ['report_verification']],
    ['grid worker, verifying, assigned to another', workflowCase('verifying', { assigneeId: 'u-other' }), actor('grid_worker'), []],
    ['dispatcher, registered', workflowCase('registered'), actor('dispatcher'), ['dispatch']],
    ['town admin, registered', workflowCase('registered'), actor('town_admin'), ['void', 'merge', 'dispatch']],
    ['own department, dispatched', workflowCase('dispatched'), actor('department_handler'), ['sign', 'return']],
    ['other department, dispatched', workflowCase('dispatched'), actor('department_handler', { departmentCode: OTHER_DEPT }), []],
    ['dispatcher, dispatched', workflowCase('dispatched'), actor('dispatcher'), ['reassign']],
    [
      'own department, accepted',
      workflowCase('accepted'),
      actor('department_handler'),
      ['return', 'handle', 'request_extension', 'request_park'],
    ],
    ['own department, accepted, extension pending', workflowCase('accepted', { pendingRequest: EXTENSION }), actor('department_handler'), []],
    ['dispatcher, accepted', workflowCase('accepted'), actor('dispatcher'), ['reassign']],
    [
      'dispatcher, accepted, extension pending',
      workflowCase('accepted', { pendingRequest: EXTENSION }),
      actor('dispatcher'),
      ['approve_extension', 'reject_extension'],
    ],
    ['dispatcher, accepted, park pending', workflowCase('accepted', { pendingRequest: PARK }), actor('dispatcher'), ['approve_park', 'reject_park']],
    ['own department, parked', workflowCase('parked'), actor('department_handler'), ['unpark']],
    ['grid worker, handled', workflowCase('handled'), actor('grid_worker'), ['check_pass', 'check_fail']],
    ['operator, checked', workflowCase('checked'), actor('operator'), ['close']],
    ['operator, closed', workflowCase('closed'), actor('operator'), ['callback']],
    ['admin, visited', workflowCase('visited'), admin, []],
    ['admin, voided', workflowCase('voided'), admin, []],
    ['admin, merged', workflowCase('merged'), admin, []],
    ['supervisor, accepted', workflowCase('accepted'), actor('supervisor'), []],
    ['deputy, closed', workflowCase('closed'), actor('deputy'), []],
    ['viewer, reported', workflowCase('reported'), actor('viewer'), []],
  ])('%s', (_name, c, who, expected) => {
    expect(allowedActions(c, who)).toEqual(expected);
  });

  it.each(CASE_STATES)('for the admin from %s: exactly the hand table (in the machine’s order)', (state) => {
    const c = workflowCase(state);
    const expected = CASE_ACTIONS.filter((a) => ACTIONS_FROM[state].includes(a) && pendingFor(a) === null);
    expect(allowedActions(c, admin)).toEqual(expected);
  });
});

describe('nextState', () => {
  /** Where each action leads (by hand); 'same' keeps the state. */
  const LEADS_TO: Record<Exclude<CaseAction, 'callback'>, CaseState | 'same'> = {
    request_verification: 'verifying',
    report_verification: 'reported',
    register: 'registered',
    void: 'voided',
    merge: 'merged',
    dispatch: 'dispatched',
    // The new department has to sign for the case again.
    reassign: 'dispatched',
    sign: 'accepted',
    // 退回: back to the dispatcher.
    return: 'registered',
    handle: 'handled',
    request_extension: 'same',
    approve_extension: 'same',
    reject_extension: 'same',
    request_park: 'same',
    approve_park: 'parked',
    reject_park: 'same',
    unpark: 'accepted',
    check_pass: 'checked',
    // 返工: back to the department.
    check_fail: 'accepted',
    close: 'closed',
  };

  const rows = (Object.keys(LEADS_TO) as Exclude<CaseAction, 'callback'>[]).flatMap((action) =>
    CASE_STATES.filter((s) => ACTIONS_FROM[s].includes(action)).map((from) => {
      const to = LEADS_TO[action];
      return { action, from, to: to === 'same' ? from : to };
    }),
  );

  it.each(rows)('$action from $from → $to', ({ action, from, to }) => {
    expect(nextState(action, from)).toBe(to);
  });

  it.each<[Satisfaction | undefined, CaseState]>([
    ['satisfied', 'visited'],
    ['basically_satisfied', 'visited'],
    // 发回重办: an unsatisfied caller sends the case back to the department.
    ['unsatisfied', 'accepted'],
    // Nobody answered: the case stays closed, waiting for another call.
    ['unreachable', 'closed'],
    [undefined, 'visited'],
  ])('callback with %s → %s', (satisfaction, to) => {
    expect(nextState('callback', 'closed', satisfaction)).toBe(to);
  });

  it('every satisfaction is in the call-back table', () => {
    expect([...SATISFACTIONS].sort()).toEqual(['basically_satisfied', 'satisfied', 'unreachable', 'unsatisfied']);
  });

  it('every state an action leads to is one the vocabulary knows, and non-final ones can move on', () => {
    for (const { to } of rows) {
      expect(CASE_STATES).toContain(to);
      if (!['visited', 'voided', 'merged'].includes(to)) expect(ACTIONS_FROM[to].length).toBeGreaterThan(0);
    }
  });
});

describe('the seven steps, end to end', () => {
  it('walks reported → visited with the right role at each step', () => {
    const steps: [CaseAction, Actor, Satisfaction?][] = [
      ['request_verification', actor('operator')],
      ['report_verification', actor('grid_worker')],
      ['register', actor('operator')],
      ['dispatch', actor('dispatcher')],
      ['sign', actor('department_handler')],
      ['request_park', actor('department_handler')],
      ['approve_park', actor('dispatcher')],
      ['unpark', actor('department_handler')],
      ['handle', actor('department_handler')],
      ['check_fail', actor('grid_worker')],
      ['handle', actor('department_handler')],
      ['check_pass', actor('grid_worker')],
      ['close', actor('operator')],
      ['callback', actor('operator'), 'unsatisfied'],
      ['handle', actor('department_handler')],
      ['check_pass', actor('grid_worker')],
      ['close', actor('operator')],
      ['callback', actor('operator'), 'satisfied'],
    ];
    let c = workflowCase('reported');
    const path: CaseState[] = [c.status];
    for (const [action, who, satisfaction] of steps) {
      expect(refuseTransition(action, c, who), `${action} from ${c.status}`).toBeNull();
      const pendingRequest =
        action === 'request_park' ? PARK : action === 'request_extension' ? EXTENSION : action.startsWith('approve_') ? null : c.pendingRequest;
      c = { ...c, status: nextState(action, c.status, satisfaction), pendingRequest };
      path.push(c.status);
    }
    expect(path).toEqual([
      'reported',
      'verifying',
      'reported',
      'registered',
      'dispatched',
      'accepted',
      'accepted',
      'parked',
      'accepted',
      'handled',
      'accepted',
      'handled',
      'checked',
      'closed',
      'accepted',
      'handled',
      'checked',
      'closed',
      'visited',
    ]);
  });
});

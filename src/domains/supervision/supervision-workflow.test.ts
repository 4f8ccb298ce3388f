import { describe, expect, it } from 'vitest';
import type { SupervisionAction, SupervisionState } from '@/shared/supervision-vocabulary.js';
import { availableActions, checkTransition, type Relation } from './supervision-workflow.js';

describe('checkTransition', () => {
  const cases: [SupervisionAction, SupervisionState, Relation[], boolean, string][] = [
    ['assign', 'pending', ['office'], false, 'assigned'],
    ['assign', 'assigned', ['office'], false, 'state'],
    ['assign', 'pending', ['lead'], false, 'role'],
    ['sign', 'assigned', ['lead'], false, 'signed'],
    ['sign', 'assigned', ['office'], false, 'role'],
    ['sign', 'pending', ['lead'], false, 'state'],
    ['feedback', 'signed', ['lead'], false, 'in_progress'],
    ['feedback', 'in_progress', ['lead'], false, 'in_progress'],
    ['feedback', 'assigned', ['lead'], false, 'state'],
    ['feedback', 'assigned', ['assisting'], false, 'assigned'],
    ['feedback', 'reported', ['assisting'], false, 'reported'],
    ['feedback', 'completed', ['assisting'], false, 'state'],
    ['feedback', 'in_progress', ['office'], false, 'role'],
    ['submit', 'in_progress', ['lead'], false, 'reported'],
    ['submit', 'signed', ['lead'], false, 'reported'],
    ['submit', 'reported', ['lead'], false, 'state'],
    ['submit', 'in_progress', ['assisting'], false, 'role'],
    ['approve', 'reported', ['office'], false, 'completed'],
    ['approve', 'in_progress', ['office'], false, 'state'],
    ['approve', 'reported', ['lead'], false, 'role'],
    ['reject', 'reported', ['office'], false, 'in_progress'],
    ['reject', 'completed', ['office'], false, 'state'],
    ['cancel', 'in_progress', ['office'], false, 'cancelled'],
    ['cancel', 'completed', ['office'], false, 'state'],
    ['meet', 'assigned', ['lead'], true, 'assigned'],
    ['meet', 'assigned', ['lead'], false, 'not_suggestion'],
    ['meet', 'pending', ['lead'], true, 'state'],
    ['reply', 'completed', ['office'], true, 'completed'],
    ['evaluate', 'completed', ['deputy'], true, 'completed'],
    ['evaluate', 'completed', ['lead'], true, 'role'],
    ['evaluate', 'cancelled', ['deputy'], true, 'state'],
  ];
  it.each(cases)('%s from %s by %j (suggestion %s) → %s', (action, state, relations, isSuggestion, expected) => {
    const result = checkTransition({ action, state, relations, isSuggestion });
    expect(result.ok ? result.to : result.reason).toBe(expected);
  });
});

describe('availableActions', () => {
  it.each([
    ['pending', ['office'], false, ['assign', 'cancel']],
    ['assigned', ['lead'], false, ['sign']],
    ['in_progress', ['lead', 'assisting'], false, ['feedback', 'submit']],
    ['reported', ['office'], true, ['approve', 'reject', 'cancel', 'meet', 'reply', 'evaluate']],
    ['completed', ['deputy'], true, ['evaluate']],
    ['in_progress', [], false, []],
  ] as [SupervisionState, Relation[], boolean, SupervisionAction[]][])('%s for %j', (state, relations, isSuggestion, expected) => {
    expect(availableActions({ state, relations, isSuggestion })).toEqual(expected);
  });
});

import { refuseMove } from './deal-transitions';

const open = [1, 2, 3, 4, 5].map((n) => ({ id: `s${n}`, kind: 'open' as const, sortOrder: n * 10, isActive: true }));
const won = { id: 'won', kind: 'won' as const, sortOrder: 1000, isActive: true };
const lost = { id: 'lost', kind: 'lost' as const, sortOrder: 1001, isActive: true };
const move = (from: (typeof open)[number] | typeof won | typeof lost, to: (typeof open)[number] | typeof won | typeof lost, extra: object = {}) =>
  refuseMove({ from, to, openStages: open, canReopen: false, ...extra });

describe('funnel state machine', () => {
  it('moves forward one or several stages', () => {
    expect(move(open[0], open[1])).toBeNull();
    expect(move(open[0], open[4])).toBeNull();
  });

  it('moves back exactly one stage', () => {
    expect(move(open[3], open[2])).toBeNull();
    expect(move(open[3], open[1])).toBe('back_more_than_one_stage');
    expect(move(open[2], open[2])).toBe('same_stage');
  });

  it('wins only from the last stage', () => {
    expect(move(open[4], won)).toBeNull();
    expect(move(open[3], won)).toBe('won_only_from_last_stage');
  });

  it('loses from anywhere open, with a reason and a comment', () => {
    expect(move(open[0], lost)).toBe('loss_reason_required');
    expect(move(open[0], lost, { lossReasonId: 'r', comment: '  ' })).toBe('loss_reason_required');
    expect(move(open[2], lost, { lossReasonId: 'r', comment: 'Купили у конкурента' })).toBeNull();
  });

  it('reopens a closed deal only for those allowed', () => {
    expect(move(won, open[4])).toBe('deal_closed');
    expect(move(lost, open[0], { canReopen: true })).toBeNull();
    expect(move(lost, won, { canReopen: true })).toBe('deal_closed');
  });

  it('refuses an inactive stage', () => {
    expect(move(open[0], { ...open[1], isActive: false })).toBe('stage_inactive');
  });
});

import { describe, expect, it } from 'vitest';
import { checkLine, emptyLine, lineFromDto, linesFingerprint, linesTotal, toLineInputs } from '@/features/funnel/lib/lines';

function line(quantity: string, unitPrice: string, discountPercent = '0', description = 'Позиция') {
  return { ...emptyLine(), quantity, unitPrice, discountPercent, description };
}

describe('editable lines', () => {
  it('computes the line and the document total live', () => {
    const lines = [line('3', '33,33', '10'), line('0,5', '0,01')];
    expect(checkLine(lines[0]!).total).toBe('89.99');
    expect(checkLine(lines[1]!).total).toBe('0.01');
    expect(linesTotal(lines)).toBe('90.00');
  });

  it('marks invalid inputs and leaves them out of the total', () => {
    const bad = line('0', '10');
    expect(checkLine(bad).valid).toBe(false);
    expect(checkLine(line('1', '10', '', '')).descriptionOk).toBe(false);
    expect(linesTotal([bad, line('1', '10')])).toBe('10.00');
    expect(toLineInputs([bad])).toBeNull();
  });

  it('builds the API payload from what was typed', () => {
    expect(toLineInputs([line('3', '33,33', '10', ' Витрина ')])).toEqual([
      { description: 'Витрина', quantity: '3', unitPrice: '33.33', discountPercent: '10' },
    ]);
    expect(toLineInputs([{ ...line('1', '5'), productId: 'p-1' }])?.[0]?.productId).toBe('p-1');
  });

  it('does not see a server round trip as a change', () => {
    const typed = [line('3', '33,33', '10')];
    const fromServer = [
      lineFromDto({
        id: 'l1',
        productId: null,
        description: 'Позиция',
        unit: 'шт',
        quantity: '3.000',
        unitPrice: '33.33',
        discountPercent: '10.00',
        lineTotal: '89.99',
      }),
    ];
    expect(linesFingerprint(fromServer)).toBe(linesFingerprint(typed));
  });
});

import { parseDecimalInput, sumMoney, toInputDecimal, trimDecimal, tryLineTotal } from '@polar/money';
import type { LineDto, LineInputDto, ProductDto } from '@/features/funnel/lib/types';

/** A line as the editors hold it: the inputs exactly as typed. */
export interface EditableLine {
  key: number;
  productId: string | null;
  /** Catalogue article, when known (shown under the name). */
  sku: string | null;
  description: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

let nextKey = 1;

export function emptyLine(): EditableLine {
  return { key: nextKey++, productId: null, sku: null, description: '', unit: 'шт', quantity: '1', unitPrice: '', discountPercent: '0' };
}

export function lineFromProduct(product: ProductDto, locale = 'ru'): EditableLine {
  return {
    key: nextKey++,
    productId: product.id,
    sku: product.sku,
    description: product.name,
    unit: product.unit,
    quantity: '1',
    unitPrice: toInputDecimal(product.listPrice, locale),
    discountPercent: '0',
  };
}

export function lineFromDto(line: LineDto, locale = 'ru'): EditableLine {
  return {
    key: nextKey++,
    productId: line.productId,
    sku: null,
    description: line.description,
    unit: line.unit,
    quantity: trimDecimal(line.quantity, locale),
    unitPrice: toInputDecimal(line.unitPrice, locale),
    discountPercent: trimDecimal(line.discountPercent, locale),
  };
}

export interface LineCheck {
  quantity: string | null;
  unitPrice: string | null;
  discountPercent: string | null;
  descriptionOk: boolean;
  /** quantity × price × (1 − discount), null while an input is invalid. */
  total: string | null;
  valid: boolean;
}

/** Parses a line's inputs and computes its total (exact kopecks). */
export function checkLine(line: EditableLine): LineCheck {
  const quantity = parseDecimalInput(line.quantity, 'quantity');
  const unitPrice = parseDecimalInput(line.unitPrice, 'money');
  const discountPercent = parseDecimalInput(line.discountPercent.trim() === '' ? '0' : line.discountPercent, 'percent');
  const descriptionOk = line.description.trim().length > 0;
  const total = quantity && unitPrice && discountPercent ? tryLineTotal(quantity, unitPrice, discountPercent) : null;
  return { quantity, unitPrice, discountPercent, descriptionOk, total, valid: total !== null && descriptionOk };
}

/** The sum of the valid lines' totals. */
export function linesTotal(lines: readonly EditableLine[]): string {
  return sumMoney(lines.map((l) => checkLine(l).total));
}

/** The lines for the API, or null when any line is invalid. */
export function toLineInputs(lines: readonly EditableLine[]): LineInputDto[] | null {
  const out: LineInputDto[] = [];
  for (const line of lines) {
    const c = checkLine(line);
    if (!c.valid) return null;
    out.push({
      ...(line.productId ? { productId: line.productId } : {}),
      description: line.description.trim(),
      quantity: c.quantity!,
      unitPrice: c.unitPrice!,
      discountPercent: c.discountPercent!,
    });
  }
  return out;
}

/** A comparable fingerprint of the lines (to tell whether an editor has changes). */
export function linesFingerprint(lines: readonly EditableLine[]): string {
  return JSON.stringify(
    lines.map((l) => {
      const c = checkLine(l);
      return [l.productId, l.description.trim(), c.quantity ?? l.quantity, c.unitPrice ?? l.unitPrice, c.discountPercent ?? l.discountPercent];
    }),
  );
}

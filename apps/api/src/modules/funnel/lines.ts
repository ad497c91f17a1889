import type { EntityManager } from 'typeorm';
import { lineTotal, sumMoney } from '@polar/money';
import { ValidationFailedError } from '../../common/errors/domain-error';
import type { LineInputDto } from './dto/funnel.dto';
import { Product } from './entities/product.entity';
import { lineDescriptionRequired, productNotFound } from './funnel.errors';

export interface PricedLine {
  productId: string | null;
  description: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  lineTotal: string;
  sortOrder: number;
}

/**
 * Prices lines on the server: catalogue defaults for name and price, exact totals.
 * The client's totals are never trusted.
 */
export async function priceLines(em: EntityManager, input: LineInputDto[]): Promise<{ lines: PricedLine[]; total: string }> {
  const productIds = [...new Set(input.map((l) => l.productId).filter((x): x is string => !!x))];
  const products = productIds.length
    ? await em.getRepository(Product).createQueryBuilder('p').where('p.id IN (:...productIds) AND p.is_active', { productIds }).getMany()
    : [];
  const lines = input.map((l, i): PricedLine => {
    const product = l.productId ? products.find((p) => p.id === l.productId) : undefined;
    if (l.productId && !product) throw productNotFound(i);
    const description = l.description ?? product?.name;
    const unitPrice = l.unitPrice ?? product?.listPrice;
    if (!description || !unitPrice) throw lineDescriptionRequired(i);
    const discountPercent = l.discountPercent ?? '0';
    return {
      productId: product?.id ?? null,
      description,
      unit: product?.unit ?? 'шт',
      quantity: l.quantity,
      unitPrice,
      discountPercent,
      lineTotal: lineTotal(l.quantity, unitPrice, discountPercent),
      sortOrder: i + 1,
    };
  });
  // Checked before summing: a line beyond the column is beyond what the money helpers take, too.
  const tooLarge = lines.flatMap((l, i) => (fitsAmountColumn(l.lineTotal) ? [] : [{ field: `lines.${i}`, message: `lines.${i} totals more than ${MAX_AMOUNT} ₽` }]));
  if (tooLarge.length) throw new ValidationFailedError(tooLarge);
  const total = sumMoney(lines.map((l) => l.lineTotal));
  if (!fitsAmountColumn(total)) throw new ValidationFailedError([{ field: 'lines', message: `lines total more than ${MAX_AMOUNT} ₽` }]);
  return { lines, total };
}

/** Amounts are numeric(14,2): twelve digits before the point. */
const MAX_AMOUNT = '999999999999.99';
function fitsAmountColumn(amount: string): boolean {
  return amount.replace(/^-/, '').split('.')[0].length <= 12;
}

import type { EntityManager } from 'typeorm';
import { lineTotal, sumMoney } from '../../common/money/money';
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
  return { lines, total: sumMoney(lines.map((l) => l.lineTotal)) };
}

import { Injectable } from '@nestjs/common';
import { ReadRouting } from '../../common/replica';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { AnalyticsScopeService } from './analytics-scope';
import { scopeLabel } from './dashboard.service';
import type { PortfolioPageDto, PortfolioQueryDto, PortfolioRowDto } from './dto/portfolio.dto';
import * as q from './queries/portfolio.sql';

const encode = (after: { name: string; id: string }) => Buffer.from(JSON.stringify([after.name, after.id])).toString('base64url');

function decode(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { name, id };
  } catch {
    // falls through to the 400 below
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'Not a cursor from this list' }]);
}

/** Per client: first purchase, frequency, what they buy, average check, ripening, geography. */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly reads: ReadRouting,
    private readonly scopes: AnalyticsScopeService,
  ) {}

  async page(user: AuthenticatedUser, query: PortfolioQueryDto): Promise<PortfolioPageDto> {
    const scope = await this.scopes.of(user);
    const managerId = query.managerId ?? null;
    if (managerId && scope.managerIds !== null && !scope.managerIds.includes(managerId)) throw new NotFoundError('Manager');
    const size = query.pageSize ?? 50;
    const em = this.reads.manager();
    const clients = await q.clientsPage(em, scope.managerIds, {
      q: query.q?.replace(/[\\%_]/g, (m) => `\\${m}`) ?? null,
      region: query.region ?? null,
      city: query.city ?? null,
      managerId,
      buyersOnly: query.buyersOnly ?? false,
      after: query.cursor ? decode(query.cursor) : null,
      limit: size + 1,
    });
    const page = clients.slice(0, size);
    const figures = new Map((page.length ? await q.figures(em, page.map((c) => c.id)) : []).map((f) => [f.id, f]));
    const items: PortfolioRowDto[] = page.map((c) => {
      const f = figures.get(c.id);
      return {
        clientId: c.id,
        clientName: c.name,
        region: c.region,
        city: c.city,
        managerId: c.manager_id,
        managerName: c.manager_name,
        firstPurchase: f?.first_purchase ?? null,
        purchases: f?.purchases ?? 0,
        daysBetweenPurchases: f?.days_between == null ? null : Number(f.days_between),
        buys: f?.groups ?? [],
        averageCheck: f?.average_check ?? null,
        paid: f?.paid ?? '0.00',
        ripeningDays: f?.ripening_days ?? null,
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: clients.length > size && last ? encode({ name: last.name, id: last.id }) : null, scope: scopeLabel(user, scope) };
  }
}

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { calendarYear, isProvisionalYear, shippedDayKind, supportedYears } from '@polar/calendar';
import { DataSource } from 'typeorm';
import { requestContext } from '../../common/context/request-context';
import { NotFoundError, RuleViolationError, ValidationFailedError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { refreshCalendarOverrides } from './calendar-overrides';
import type { CalendarDayDto, CalendarOverrideDto, CalendarYearDto, CalendarYearsDto, SetCalendarDayDto } from './dto/calendar.dto';
import { CalendarOverrideEntity } from './entities/calendar-override.entity';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The production calendar as the company uses it: the shipped data of
 * @polar/calendar plus the days an admin set over it (stored here, audited). Every
 * read refreshes this instance's override layer from the database first.
 */
@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CalendarService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Loads the overrides early; not fatal when the schema is not there (the OpenAPI
   * writer starts the app without a migrated database): every use refreshes again.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.logger.warn(`calendar overrides not loaded at start: ${String(error)}`));
  }

  /** Makes this instance's calendar equal to the database (cheap when nothing changed). */
  refresh(): Promise<void> {
    return refreshCalendarOverrides(this.dataSource.manager);
  }

  years(): CalendarYearsDto {
    const years = supportedYears();
    return { years, provisionalYears: years.filter((y) => isProvisionalYear(y)) };
  }

  async year(yearText: string): Promise<CalendarYearDto> {
    if (!/^\d{4}$/.test(yearText)) throw new ValidationFailedError([{ field: 'year', message: 'year must be four digits, e.g. 2027' }]);
    const year = Number(yearText);
    if (!supportedYears().includes(year)) throw new NotFoundError('Calendar year');
    await this.refresh();
    const view = calendarYear(year);
    const rows = await this.dataSource
      .getRepository(CalendarOverrideEntity)
      .createQueryBuilder('o')
      .where('o.date >= :first AND o.date <= :last', { first: `${year}-01-01`, last: `${year}-12-31` })
      .orderBy('o.date')
      .getMany();
    return {
      year,
      provisional: view.provisional,
      source: view.source,
      notes: view.notes,
      workingDays: view.workingDays,
      days: view.days,
      overrides: rows.map(mapOverride),
    };
  }

  /**
   * Sets a day to working / short / day off over the shipped data. Setting a day to
   * what the shipped calendar says removes the override. Audited; every instance
   * sees the change on its next job run or deadline computation.
   */
  async setDay(date: string, input: SetCalendarDayDto): Promise<CalendarDayDto> {
    const shipped = this.shippedKind(date);
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(CalendarOverrideEntity);
      const before = await repo.findOne({ where: { date }, lock: { mode: 'pessimistic_write' } });
      if (input.kind === shipped) {
        if (!before) return;
        await repo.delete({ date });
      } else {
        if (before && before.kind === input.kind && before.reason === (input.reason ?? null)) return;
        await repo.save(repo.create({ date, kind: input.kind, reason: input.reason ?? null, updatedBy: requestUserId(), updatedAt: new Date() }));
      }
      await em.query(`UPDATE calendar_revision SET revision = revision + 1 WHERE id = 1`);
      await this.audit.record(em, {
        action: input.kind === shipped ? 'delete' : before ? 'update' : 'create',
        entityType: 'calendar_day',
        entityId: date,
        before: { kind: before?.kind ?? shipped, reason: before?.reason ?? null },
        after: { kind: input.kind, reason: input.kind === shipped ? null : (input.reason ?? null) },
      });
    });
    await this.refresh();
    return this.day(date);
  }

  /** Removes the override of a day: back to the shipped calendar. */
  resetDay(date: string): Promise<CalendarDayDto> {
    return this.setDay(date, { kind: this.shippedKind(date) });
  }

  private day(date: string): CalendarDayDto {
    const found = calendarYear(Number(date.slice(0, 4))).days.find((d) => d.date === date);
    if (!found) throw new NotFoundError('Calendar day');
    return found;
  }

  /** Validates the path date: 400 when it is not a day, 422 when its year has no calendar. */
  private shippedKind(date: string): CalendarDayDto['kind'] {
    const bad = () => new ValidationFailedError([{ field: 'date', message: 'date must be an existing day as YYYY-MM-DD' }]);
    if (!DAY.test(date)) throw bad();
    const year = Number(date.slice(0, 4));
    if (!supportedYears().includes(year)) {
      throw new RuleViolationError('calendar_year_not_supported', `The production calendar covers ${supportedYears().join(', ')}`, [
        { field: 'date', message: `${year} is not a supported calendar year` },
      ]);
    }
    try {
      return shippedDayKind(date);
    } catch {
      throw bad();
    }
  }
}

function requestUserId(): string | null {
  return requestContext.get()?.userId ?? null;
}

function mapOverride(o: CalendarOverrideEntity): CalendarOverrideDto {
  return {
    date: o.date,
    kind: o.kind,
    shippedKind: shippedDayKind(o.date),
    reason: o.reason,
    updatedById: o.updatedBy,
    updatedAt: o.updatedAt.toISOString(),
  };
}

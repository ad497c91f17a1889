import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, moscowDayRange } from '@polar/business-time';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { RuleViolationError } from '../../common/errors/domain-error';
import { hoursOf } from './complaint-rules';
import { COMPLAINT_REACH_COLUMNS } from './complaint-rows';
import type { ComplaintStatsDto, StatsBucketDto } from './dto/complaint.dto';

type Bucket = { key: string | null; label: string | null; received: number; closed_in_time: number; breached: number; avg_w: number | null; med_w: number | null; avg_c: number | null; med_c: number | null };

/**
 * The director's view of complaints received in a period (Moscow days, drafts left out):
 * how many, how many closed in time, how many breached (a breach stays after closing),
 * average and median processing time in working hours, by subject kind, employee,
 * equipment unit, equipment model and decision. Aggregated in SQL over the complaints the user may see.
 */
@Injectable()
export class ComplaintStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessService,
  ) {}

  async stats(from: string, to: string, user: AuthenticatedUser): Promise<ComplaintStatsDto> {
    if (to < from) throw new RuleViolationError('invalid_period', 'The period ends before it starts', [{ field: 'to', message: 'Before from' }]);
    if (addDays(from, 3660) < to) throw new RuleViolationError('period_too_long', 'The period is longer than ten years', [{ field: 'to', message: 'Too far from from' }]);
    const start = moscowDayRange(from).from;
    const end = moscowDayRange(to).to;
    const run = async (group: string, label: string): Promise<Bucket[]> => {
      const qb = this.dataSource
        .createQueryBuilder()
        .from('complaints', 'k')
        .innerJoin('clients', 'c', 'c.id = k.client_id')
        .leftJoin('users', 'se', 'se.id = k.subject_employee_id')
        // The catalogue's model names (reference data every module reads).
        .leftJoin('products', 'pm', 'pm.id = k.subject_product_id')
        .select(group, 'key')
        .addSelect(label, 'label')
        .addSelect('count(*)::int', 'received')
        .addSelect(`count(*) FILTER (WHERE k.status = 'closed' AND k.breached_at IS NULL AND k.closed_at <= k.deadline_at)::int`, 'closed_in_time')
        .addSelect(`count(*) FILTER (WHERE k.breached_at IS NOT NULL OR (k.status IN ('new', 'in_progress', 'answered') AND k.deadline_at < :now))::int`, 'breached')
        .addSelect('avg(k.working_minutes)::float8', 'avg_w')
        .addSelect('percentile_cont(0.5) WITHIN GROUP (ORDER BY k.working_minutes)::float8', 'med_w')
        .addSelect('avg(k.calendar_minutes)::float8', 'avg_c')
        .addSelect('percentile_cont(0.5) WITHIN GROUP (ORDER BY k.calendar_minutes)::float8', 'med_c')
        .where(`k.status <> 'draft' AND k.received_at >= :start AND k.received_at < :end`, { start, end, now: this.clock.now() });
      // The same reach as the complaint list: a director sees all, a sales manager own clients…
      this.access.narrow(qb, user, 'complaint', 'see', COMPLAINT_REACH_COLUMNS);
      // Constants (the total's key, an absent label) are not grouped by: PostgreSQL refuses them there.
      if (group !== `'all'`) qb.groupBy(group).orderBy('received', 'DESC').addOrderBy('key');
      if (label !== 'NULL') qb.addGroupBy(label);
      return qb.getRawMany();
    };
    const [[total], kinds, employees, equipment, models, decisions] = await Promise.all([
      run(`'all'`, 'NULL'),
      run('k.subject_kind', 'NULL'),
      run('k.subject_employee_id::text', 'se.full_name'),
      run('k.subject_equipment_id::text', 'k.subject_equipment_label'),
      run('k.subject_product_id::text', 'pm.name'),
      run(`coalesce(k.decision, CASE WHEN k.status = 'rejected' THEN 'rejected' ELSE 'none' END)`, 'NULL'),
    ]);
    const bucket = (b: Bucket | undefined, key = 'all'): StatsBucketDto => ({
      key: b?.key ?? key,
      label: b?.label ?? null,
      received: b?.received ?? 0,
      closedInTime: b?.closed_in_time ?? 0,
      breached: b?.breached ?? 0,
      averageWorkingHours: hoursOf(b?.avg_w == null ? null : Math.round(b.avg_w)),
      medianWorkingHours: hoursOf(b?.med_w == null ? null : Math.round(b.med_w)),
    });
    return {
      ...bucket(total),
      from,
      to,
      averageCalendarHours: hoursOf(total?.avg_c == null ? null : Math.round(total.avg_c)),
      medianCalendarHours: hoursOf(total?.med_c == null ? null : Math.round(total.med_c)),
      bySubjectKind: kinds.map((b) => bucket(b)),
      byEmployee: employees.filter((b) => b.key !== null).map((b) => bucket(b)),
      byEquipment: equipment.filter((b) => b.key !== null).map((b) => bucket(b)),
      byEquipmentModel: models.filter((b) => b.key !== null).map((b) => bucket(b)),
      byDecision: decisions.map((b) => bucket(b)),
    };
  }
}

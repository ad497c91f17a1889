import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A day of the production calendar set by an admin over the shipped data of
 * @polar/calendar (a decree changed a provisional year, a company-wide day off).
 */
@Entity('calendar_overrides')
@Check('calendar_overrides_kind_check', `kind IN ('working', 'short', 'day_off')`)
export class CalendarOverrideEntity {
  /** The day, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  date: string;

  /** working | short | day_off */
  @Column({ type: 'varchar', length: 8 })
  kind: 'working' | 'short' | 'day_off';

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/**
 * One row whose `revision` grows with every change of the overrides, in the same
 * transaction. Each API instance compares it (a primary-key read) with the
 * revision it has loaded before a job run or a deadline computation, and reloads
 * the overrides when it differs: a change is seen everywhere without a restart.
 */
@Entity('calendar_revision')
export class CalendarRevisionEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint' })
  revision: string;
}

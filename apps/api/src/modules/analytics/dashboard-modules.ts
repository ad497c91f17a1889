import { Injectable } from '@nestjs/common';
import { can } from '@polar/access';
import { addDays, moscowToday } from '@polar/business-time';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { ComplaintsService } from '../quality/complaints.service';
import { ComplaintListQueryDto } from '../quality/dto/complaint.dto';
import { InstallationListQueryDto } from '../service/dto/installation.dto';
import { InstallationsService } from '../service/installations.service';
import type { ComplaintsSectionDto, InstallationsSectionDto } from './dto/dashboard.dto';

const LIMIT = 10;
const SOON_DAYS = 5;
const DAY_MS = 86_400_000;

/**
 * The dashboard sections owned by other modules, read through their exported services
 * (never their tables): the quality module's scoped complaint list and the service
 * module's scoped installation list. Each module applies its own record scope.
 */
@Injectable()
export class DashboardModulesService {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly installations: InstallationsService,
    private readonly clock: Clock,
  ) {}

  async complaintsSection(user: AuthenticatedUser): Promise<ComplaintsSectionDto> {
    if (!can(user.role, 'complaints.read')) return { available: false, total: 0, items: [] };
    const page = await this.complaints.list(Object.assign(new ComplaintListQueryDto(), { state: 'open', page: 1, pageSize: 100 }), user);
    const now = this.clock.now().getTime();
    const items = page.items
      .filter((k) => k.status !== 'draft')
      .sort((a, b) => a.workingDaysLeft - b.workingDaysLeft || a.receivedAt.localeCompare(b.receivedAt))
      .slice(0, LIMIT)
      .map((k) => ({
        complaintId: k.id,
        number: k.number,
        clientId: k.clientId,
        clientName: k.clientName,
        status: k.status,
        receivedAt: k.receivedAt,
        processingDays: Math.floor(((k.answeredAt ? Date.parse(k.answeredAt) : now) - Date.parse(k.receivedAt)) / DAY_MS),
        workingDaysLeft: k.workingDaysLeft,
        decision: k.answer,
      }));
    return { available: true, total: page.total, items };
  }

  async installationsSection(user: AuthenticatedUser): Promise<InstallationsSectionDto> {
    if (!can(user.role, 'service.read')) return { available: false, items: [] };
    const soon = addDays(moscowToday(this.clock.now()), SOON_DAYS);
    const late = await this.installations.list(Object.assign(new InstallationListQueryDto(), { late: true, page: 1, pageSize: LIMIT }), user);
    const open = [];
    for (const status of ['planned', 'in_progress'] as const) {
      const page = await this.installations.list(Object.assign(new InstallationListQueryDto(), { status, page: 1, pageSize: LIMIT }), user);
      open.push(...page.items.filter((j) => j.deadline !== null && j.deadline <= soon));
    }
    const seen = new Set<string>();
    const items = [...late.items.filter((j) => j.status !== 'done' && j.status !== 'cancelled'), ...open]
      .filter((j) => !seen.has(j.id) && seen.add(j.id))
      .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'))
      .slice(0, LIMIT)
      .map((j) => ({ installationId: j.id, clientId: j.clientId, clientName: j.clientName, dealTitle: j.dealTitle, deadline: j.deadline, status: j.status, late: j.late, slipReason: j.slipReason }));
    return { available: true, items };
  }
}

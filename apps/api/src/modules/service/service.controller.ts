import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page } from '../../common/pagination/page.dto';
import { CreateEquipmentDto, EquipmentHistoryEntryDto, EquipmentListQueryDto, EquipmentUnitDto, UpdateEquipmentDto } from './dto/equipment.dto';
import { CreateServiceContractDto, ServiceContractDto, ServiceContractListQueryDto, UpdateServiceContractDto } from './dto/service-contract.dto';
import { CreateServiceRequestDto, EscalateServiceRequestDto, ResolveServiceRequestDto, ServiceRequestDto, ServiceRequestListQueryDto } from './dto/service-request.dto';
import { ServiceCalendarQueryDto, CreateServiceVisitDto, ReportServiceVisitDto, ServiceCalendarDto, ServiceVisitDto, ServiceVisitListQueryDto, UpdateServiceVisitDto } from './dto/service-visit.dto';
import { EquipmentService } from './equipment.service';
import { ServiceContractsService } from './service-contracts.service';
import { ServiceRequestsService } from './service-requests.service';
import { ServiceVisitsService } from './service-visits.service';

@ApiTags('service')
@Controller('equipment')
export class EquipmentController {
  constructor(private readonly equipment: EquipmentService) {}

  @Get()
  @RequirePermission('service.read')
  @ApiOperation({ summary: 'The equipment registry; `serial` finds a unit by its serial number' })
  @ApiPageResponse(EquipmentUnitDto)
  list(@Query() query: EquipmentListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<EquipmentUnitDto>> {
    return this.equipment.list(query, user);
  }

  @Post()
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'Register a unit by hand (equipment installed before the CRM)' })
  @ApiCreatedResponse({ type: EquipmentUnitDto })
  @ApiErrors({ 404: [], 409: ['serial_taken'], 422: ['product_not_found'] })
  create(@Body() body: CreateEquipmentDto, @CurrentUser() user: AuthenticatedUser): Promise<EquipmentUnitDto> {
    return this.equipment.create(body, user);
  }

  @Get(':id')
  @RequirePermission('service.read')
  @ApiOkResponse({ type: EquipmentUnitDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<EquipmentUnitDto> {
    return this.equipment.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('service.write')
  @ApiOkResponse({ type: EquipmentUnitDto })
  @ApiErrors({ 404: [], 409: ['stale_version', 'serial_taken'] })
  update(@UuidParam() id: string, @Body() body: UpdateEquipmentDto, @CurrentUser() user: AuthenticatedUser): Promise<EquipmentUnitDto> {
    return this.equipment.update(id, body, user);
  }

  @Get(':id/history')
  @RequirePermission('service.read')
  @ApiOperation({ summary: 'The unit’s installation, visits and requests, newest first' })
  @ApiOkResponse({ type: [EquipmentHistoryEntryDto] })
  @ApiErrors({ 404: [] })
  history(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<EquipmentHistoryEntryDto[]> {
    return this.equipment.history(id, user);
  }
}

@ApiTags('service')
@Controller('service-contracts')
export class ServiceContractsController {
  constructor(private readonly contracts: ServiceContractsService) {}

  @Get()
  @RequirePermission('service.read')
  @ApiPageResponse(ServiceContractDto)
  list(@Query() query: ServiceContractListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ServiceContractDto>> {
    return this.contracts.list(query, user);
  }

  @Post()
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'A service contract, numbered by the CRM (gap-free per year); its visit plan is generated through the work queue' })
  @ApiCreatedResponse({ type: ServiceContractDto })
  @ApiErrors({ 404: [], 422: ['period_invalid', 'unit_not_of_client', 'not_an_engineer'] })
  create(@Body() body: CreateServiceContractDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceContractDto> {
    return this.contracts.create(body, user);
  }

  @Get(':id')
  @RequirePermission('service.read')
  @ApiOkResponse({ type: ServiceContractDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ServiceContractDto> {
    return this.contracts.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'Change the contract; its visit plan is regenerated' })
  @ApiOkResponse({ type: ServiceContractDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['period_invalid', 'unit_not_of_client', 'not_an_engineer'] })
  update(@UuidParam() id: string, @Body() body: UpdateServiceContractDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceContractDto> {
    return this.contracts.update(id, body, user);
  }
}

@ApiTags('service')
@Controller('service-visits')
export class ServiceVisitsController {
  constructor(private readonly visits: ServiceVisitsService) {}

  @Get()
  @RequirePermission('service.read')
  @ApiOperation({ summary: 'Service visits by day; `overdue=true`: planned visits past their day without a report' })
  @ApiPageResponse(ServiceVisitDto)
  list(@Query() query: ServiceVisitListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ServiceVisitDto>> {
    return this.visits.list(query, user);
  }

  @Post()
  @RequirePermission('service.write')
  @ApiCreatedResponse({ type: ServiceVisitDto })
  @ApiErrors({ 404: [], 422: ['unit_not_of_client', 'not_an_engineer'] })
  create(@Body() body: CreateServiceVisitDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceVisitDto> {
    return this.visits.create(body, user);
  }

  @Get(':id')
  @RequirePermission('service.read')
  @ApiOkResponse({ type: ServiceVisitDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ServiceVisitDto> {
    return this.visits.get(id, user);
  }

  @Patch(':id')
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'Assign the engineers of a planned visit' })
  @ApiOkResponse({ type: ServiceVisitDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['visit_closed', 'not_an_engineer'] })
  update(@UuidParam() id: string, @Body() body: UpdateServiceVisitDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceVisitDto> {
    return this.visits.update(id, body, user);
  }

  @Post(':id/report')
  @HttpCode(200)
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'The engineer’s report: done, missed or rescheduled (answers the new visit when rescheduled)' })
  @ApiOkResponse({ type: ServiceVisitDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['visit_closed', 'date_in_past'] })
  report(@UuidParam() id: string, @Body() body: ReportServiceVisitDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceVisitDto> {
    return this.visits.report(id, body, user);
  }
}

@ApiTags('service')
@Controller('service-requests')
export class ServiceRequestsController {
  constructor(private readonly requests: ServiceRequestsService) {}

  @Get()
  @RequirePermission('service.read')
  @ApiPageResponse(ServiceRequestDto)
  list(@Query() query: ServiceRequestListQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ServiceRequestDto>> {
    return this.requests.list(query, user);
  }

  @Post()
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'Take a consultation or a malfunction report; the response deadline runs in working hours' })
  @ApiCreatedResponse({ type: ServiceRequestDto })
  @ApiErrors({ 404: [], 422: ['unit_not_of_client'] })
  create(@Body() body: CreateServiceRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceRequestDto> {
    return this.requests.create(body, user);
  }

  @Get(':id')
  @RequirePermission('service.read')
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiErrors({ 404: [] })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ServiceRequestDto> {
    return this.requests.get(id, user);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequirePermission('service.write')
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['request_closed'] })
  resolve(@UuidParam() id: string, @Body() body: ResolveServiceRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceRequestDto> {
    return this.requests.resolve(id, body, user);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @RequirePermission('service.write')
  @ApiOperation({ summary: 'Escalate to an engineer’s visit in one step' })
  @ApiOkResponse({ type: ServiceRequestDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['request_closed', 'not_an_engineer'] })
  escalate(@UuidParam() id: string, @Body() body: EscalateServiceRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceRequestDto> {
    return this.requests.escalate(id, body, user);
  }
}

@ApiTags('service')
@Controller('service')
export class ServiceCalendarController {
  constructor(private readonly visits: ServiceVisitsService) {}

  @Get('calendar')
  @RequirePermission('service.read')
  @ApiOperation({ summary: 'Each engineer’s installation jobs and visits by day, with the load' })
  @ApiOkResponse({ type: ServiceCalendarDto })
  @ApiErrors({ 422: ['range_invalid', 'range_too_long'] })
  calendar(@Query() query: ServiceCalendarQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ServiceCalendarDto> {
    return this.visits.calendar(query, user);
  }
}

import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { CalendarService } from './calendar.service';
import { CalendarDayDto, CalendarYearDto, CalendarYearsDto, SetCalendarDayDto } from './dto/calendar.dto';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Years the production calendar covers, and which of them are provisional' })
  @ApiOkResponse({ type: CalendarYearsDto })
  years(): CalendarYearsDto {
    return this.calendar.years();
  }

  @Get(':year')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'A year of the production calendar: every day, the provisional flag and the admin overrides' })
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiErrors({ 400: [], 404: [] })
  year(@Param('year') year: string): Promise<CalendarYearDto> {
    return this.calendar.year(year);
  }

  @Put('days/:date')
  @RequirePermission('calendar.manage')
  @ApiOperation({ summary: 'Set a day to working, short or day off over the shipped calendar (audited; jobs and deadlines use it at once)' })
  @ApiOkResponse({ type: CalendarDayDto })
  @ApiErrors({ 400: [], 422: ['calendar_year_not_supported'] })
  setDay(@Param('date') date: string, @Body() body: SetCalendarDayDto): Promise<CalendarDayDto> {
    return this.calendar.setDay(date, body);
  }

  @Delete('days/:date')
  @RequirePermission('calendar.manage')
  @ApiOperation({ summary: 'Return a day to what the shipped calendar says (audited)' })
  @ApiOkResponse({ type: CalendarDayDto })
  @ApiErrors({ 400: [], 422: ['calendar_year_not_supported'] })
  resetDay(@Param('date') date: string): Promise<CalendarDayDto> {
    return this.calendar.resetDay(date);
  }
}

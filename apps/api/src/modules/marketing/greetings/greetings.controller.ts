import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../../common/auth/decorators';
import { ApiErrors } from '../../../common/errors/api-errors.decorator';
import { CreateGreetingHolidayDto, GreetingOccasionDto, UpdateGreetingOccasionDto } from './greetings.dto';
import { GreetingsService } from './greetings.service';

@ApiTags('marketing')
@Controller('marketing/greetings')
export class GreetingsController {
  constructor(private readonly greetings: GreetingsService) {}

  @Get()
  @RequirePermission('marketing.read')
  @ApiOperation({ summary: 'Greeting occasions (birthday and holidays) with their templates and rules' })
  @ApiOkResponse({ type: [GreetingOccasionDto] })
  list(): Promise<GreetingOccasionDto[]> {
    return this.greetings.list();
  }

  @Post()
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Add a holiday to greet on' })
  @ApiCreatedResponse({ type: GreetingOccasionDto })
  @ApiErrors({ 422: ['date_invalid', 'unknown_placeholder'] })
  create(@Body() body: CreateGreetingHolidayDto): Promise<GreetingOccasionDto> {
    return this.greetings.createHoliday(body);
  }

  @Patch(':code')
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Change an occasion: template, on/off, shift to the next working day, purpose, date of a holiday' })
  @ApiOkResponse({ type: GreetingOccasionDto })
  @ApiErrors({ 404: [], 409: ['stale_version'], 422: ['date_invalid', 'unknown_placeholder', 'birthday_has_no_date'] })
  update(@Param('code') code: string, @Body() body: UpdateGreetingOccasionDto): Promise<GreetingOccasionDto> {
    return this.greetings.update(code, body);
  }

  @Delete(':code')
  @HttpCode(204)
  @RequirePermission('marketing.write')
  @ApiOperation({ summary: 'Remove a holiday (birthdays can only be switched off)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors({ 404: [], 422: ['birthday_not_removable'] })
  async remove(@Param('code') code: string): Promise<void> {
    await this.greetings.remove(code);
  }
}

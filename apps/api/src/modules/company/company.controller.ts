import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { CompanyService } from './company.service';
import { CompanyProfileDto, UpdateCompanyProfileDto } from './dto/company.dto';

@ApiTags('company')
@Controller('company')
export class CompanyController {
  constructor(private readonly company: CompanyService) {}

  @Get()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "The seller's requisites and VAT rate that print forms carry" })
  @ApiOkResponse({ type: CompanyProfileDto })
  get(): Promise<CompanyProfileDto> {
    return this.company.get();
  }

  @Put()
  @RequirePermission('company.manage')
  @ApiOperation({ summary: 'Set the requisites (INN/KPP/OGRN, address, bank details, signatories, VAT rate, logo); audited' })
  @ApiOkResponse({ type: CompanyProfileDto })
  @ApiErrors({ 400: [], 409: ['stale_version'] })
  update(@Body() body: UpdateCompanyProfileDto): Promise<CompanyProfileDto> {
    return this.company.update(body);
  }
}

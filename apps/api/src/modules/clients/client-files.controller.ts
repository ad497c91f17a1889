import { Body, Controller, Get, HttpCode, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/id-param';
import { ReadsFromReplica } from '../../common/replica';
import { ClientExportQueryDto } from './dto/client.dto';
import { ClientImportDto, ImportUploadDto, StartImportDto } from './dto/import.dto';
import { ClientExportService } from './export/client-export.service';
import { ClientImportService } from './import/client-import.service';

export const MAX_IMPORT_FILE_BYTES = 25 * 1024 * 1024;

/** Spreadsheets in and out. Registered before ClientsController so `export`/`imports` are not taken for ids. */
@ApiTags('clients')
@Controller('clients')
export class ClientFilesController {
  constructor(
    private readonly imports: ClientImportService,
    private readonly exports: ClientExportService,
  ) {}

  @Get('export')
  @ReadsFromReplica()
  @RequirePermission('clients.export')
  @ApiOperation({ summary: 'Download the filtered client list (your scope) as XLSX or CSV for Russian Excel' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  async export(@Query() query: ClientExportQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const pages = await this.exports.open(query, user);
    const stamp = new Date().toISOString().slice(0, 10);
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="clients-${stamp}.csv"`);
      await this.exports.writeCsv(pages, res);
    } else {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="clients-${stamp}.xlsx"`);
      await this.exports.writeXlsx(pages, res);
    }
  }

  @Post('imports')
  @HttpCode(202)
  @RequirePermission('clients.import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_FILE_BYTES, files: 1 } }))
  @ApiOperation({ summary: 'Upload a CSV/XLSX of clients: a dry run reports errors and duplicates; a real run imports all rows or none' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiAcceptedResponse({ type: ClientImportDto, description: 'Started; poll GET /api/clients/imports/{id} for progress and the report' })
  start(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: StartImportDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ClientImportDto> {
    if (!file) throw new ValidationFailedError([{ field: 'file', message: 'file is required' }]);
    // multer reads the multipart file name as latin1; browsers send UTF-8 («клиенты.csv»).
    file.originalname = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.imports.start(file, { dryRun: body.dryRun ?? true, confirmDuplicates: body.confirmDuplicates ?? false }, user);
  }

  @Get('imports/:id')
  @RequirePermission('clients.import')
  @ApiOperation({ summary: 'Progress and report of an import' })
  @ApiOkResponse({ type: ClientImportDto })
  get(@UuidParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<ClientImportDto> {
    return this.imports.get(id, user);
  }
}

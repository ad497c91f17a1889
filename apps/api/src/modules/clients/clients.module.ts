import { Module } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { ClientDetailsController } from './client-details.controller';
import { ClientFilesController } from './client-files.controller';
import { ClientExportService } from './export/client-export.service';
import { ClientImportService } from './import/client-import.service';
import { ClientHistoryService } from './client-history.service';
import { ClientReassignmentHooks } from './client-reassignment';
import { ClientsController } from './clients.controller';
import { ClientsRepository } from './clients.repository';
import { registerClientRecords } from './clients.records';
import { ClientsService } from './clients.service';
import { ContactsService } from './contacts.service';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';
import { TimelineService } from './timeline.service';

/**
 * The client base — the bottom of the business modules. Others use TimelineService
 * (history), ClientsRepository (scope checks) and ClientReassignmentHooks.
 */
@Module({
  controllers: [ClientFilesController, ClientsController, ClientDetailsController, SegmentsController],
  providers: [
    ClientsRepository,
    ClientsService,
    ContactsService,
    ClientHistoryService,
    SegmentsService,
    TimelineService,
    ClientReassignmentHooks,
    ClientImportService,
    ClientExportService,
  ],
  exports: [ClientsRepository, TimelineService, ClientReassignmentHooks],
})
export class ClientsModule {
  constructor(access: AccessService) {
    registerClientRecords(access);
  }
}

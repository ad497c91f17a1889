import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { ClientDetailsController } from './client-details.controller';
import { ClientFilesController } from './client-files.controller';
import { ClientExportService } from './export/client-export.service';
import { ClientImportService } from './import/client-import.service';
import { ClientHistoryService } from './client-history.service';
import { ClientsController } from './clients.controller';
import { ClientsDirectory } from './clients-directory';
import { ClientsRepository } from './clients.repository';
import { registerClientRecords } from './clients.records';
import { ClientsService } from './clients.service';
import { ContactsService } from './contacts.service';
import { SegmentsController } from './segments.controller';
import { SegmentsService } from './segments.service';
import { TimelineProjection } from './timeline-projection';
import { TimelineService } from './timeline.service';
import { UsersModule } from '../users/users.module';

/**
 * The client base — the bottom of the business modules. Others use ClientsRepository
 * (scope checks) and ClientsDirectory (questions about clients); they reach the
 * timeline by publishing domain events, which TimelineProjection subscribes to.
 */
@Module({
  imports: [UsersModule],
  controllers: [ClientFilesController, ClientsController, ClientDetailsController, SegmentsController],
  providers: [
    ClientsRepository,
    ClientsDirectory,
    ClientsService,
    ContactsService,
    ClientHistoryService,
    SegmentsService,
    TimelineService,
    TimelineProjection,
    ClientImportService,
    ClientExportService,
  ],
  exports: [ClientsRepository, ClientsDirectory],
})
export class ClientsModule implements OnModuleInit {
  constructor(
    access: AccessService,
    private readonly projection: TimelineProjection,
  ) {
    registerClientRecords(access);
  }

  onModuleInit(): void {
    this.projection.register();
  }
}

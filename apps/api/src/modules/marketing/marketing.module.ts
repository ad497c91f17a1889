import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { EventBus } from '../../common/events';
import { ClientsModule } from '../clients/clients.module';
import { JobsService } from '../jobs/jobs.service';
import { AbcXyzService } from './abc-xyz.service';
import { Audience } from './audience';
import { CampaignsService } from './campaigns.service';
import { abcXyzJob } from './jobs/abc-xyz.job';
import { MailTransport } from './mail/mail-transport';
import { MailingsService } from './mailings.service';
import { CampaignsController, ConsentsController, InfluencesController, MailingsController, MarketingController, UnsubscribeController } from './marketing.controller';

/**
 * Marketing: campaigns and influences, their effectiveness, mailings (work queue +
 * SMTP), consent and suppression, ABC/XYZ. Reads clients through the clients module's
 * exported repository (segments) and deals/payments in its own SQL.
 */
@Module({
  imports: [ClientsModule],
  controllers: [CampaignsController, InfluencesController, MarketingController, MailingsController, ConsentsController, UnsubscribeController],
  providers: [CampaignsService, MailingsService, AbcXyzService, Audience, MailTransport],
})
export class MarketingModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly bus: EventBus,
    private readonly campaigns: CampaignsService,
    private readonly mailings: MailingsService,
    private readonly abcXyz: AbcXyzService,
    access: AccessService,
  ) {
    access.register('influence', async (em, id) => {
      const [row] = await em.query(`SELECT client_id FROM campaign_influences WHERE id = $1`, [id]);
      return row ? { clientId: row.client_id } : null;
    });
  }

  onModuleInit(): void {
    this.mailings.registerQueues();
    this.jobs.register(abcXyzJob(this.abcXyz));
    // A deal created without a source campaign takes the client's latest influence.
    this.bus.subscribe('deal.created', (em, event) => this.campaigns.defaultDealCampaign(em, event.payload.dealId), 'marketing.deal-campaign');
  }
}

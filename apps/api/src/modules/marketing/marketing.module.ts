import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service';
import { EventBus } from '../../common/events';
import { ClientsModule } from '../clients/clients.module';
import { JobsService } from '../jobs/jobs.service';
import { AbcXyzService } from './abc-xyz.service';
import { Audience } from './audience';
import { CampaignFiguresService } from './campaign-figures.service';
import { CampaignsService } from './campaigns.service';
import { InfluencesService } from './influences.service';
import { GreetingsController } from './greetings/greetings.controller';
import { greetingsJob } from './greetings/greetings.job';
import { GreetingsService } from './greetings/greetings.service';
import { abcXyzJob } from './jobs/abc-xyz.job';
import { MailTransport } from './mail/mail-transport';
import { MailDelivery } from './mail-delivery.service';
import { MailingsService } from './mailings.service';
import { ConsentsService } from './consents.service';
import { CampaignsController, ConsentsController, InfluencesController, MailingsController, MarketingController, UnsubscribeController } from './marketing.controller';

/**
 * Marketing: campaigns and influences, their effectiveness, mailings (work queue +
 * SMTP), consent and suppression, ABC/XYZ. Reads clients through the clients module's
 * exported repository (segments) and deals/payments in its own SQL.
 */
@Module({
  imports: [ClientsModule],
  controllers: [GreetingsController, CampaignsController, InfluencesController, MarketingController, MailingsController, ConsentsController, UnsubscribeController],
  providers: [GreetingsService, CampaignsService, InfluencesService, CampaignFiguresService, MailingsService, MailDelivery, ConsentsService, AbcXyzService, Audience, MailTransport],
  // The quality module mails its survey links with the same SMTP transport and suppression list.
  exports: [MailTransport, ConsentsService],
})
export class MarketingModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly bus: EventBus,
    private readonly influences: InfluencesService,
    private readonly delivery: MailDelivery,
    private readonly abcXyz: AbcXyzService,
    private readonly greetings: GreetingsService,
    access: AccessService,
  ) {
    access.register('influence', async (em, id) => {
      const [row] = await em.query(`SELECT client_id FROM campaign_influences WHERE id = $1`, [id]);
      return row ? { clientId: row.client_id } : null;
    });
  }

  onModuleInit(): void {
    this.delivery.registerQueues();
    this.jobs.register(abcXyzJob(this.abcXyz));
    this.jobs.register(greetingsJob(this.greetings));
    // A deal created without a source campaign takes the client's latest influence.
    this.bus.subscribe('deal.created', (em, event) => this.influences.defaultDealCampaign(em, event.payload.dealId), 'marketing.deal-campaign');
  }
}

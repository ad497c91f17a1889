import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { UuidParam } from '../../common/http/id-param';
import { ApiPageResponse, type Page, PageQueryDto } from '../../common/pagination/page.dto';
import { ClientHistoryService } from './client-history.service';
import { ContactsService } from './contacts.service';
import { ContactDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import { CreateNoteDto, DossierDto, PutDossierDto, TimelineEventDto, TimelineQueryDto } from './dto/history.dto';

/** What hangs off one client: contacts, dossier, notes, timeline. All of it is in the client's scope. */
@ApiTags('clients')
@Controller('clients/:clientId')
export class ClientDetailsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly history: ClientHistoryService,
  ) {}

  @Get('contacts')
  @RequirePermission('clients.read')
  @ApiPageResponse(ContactDto)
  listContacts(@UuidParam('clientId') clientId: string, @Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ContactDto>> {
    return this.contacts.list(clientId, query, user);
  }

  @Post('contacts')
  @RequirePermission('clients.write')
  @ApiCreatedResponse({ type: ContactDto })
  createContact(@UuidParam('clientId') clientId: string, @Body() body: CreateContactDto, @CurrentUser() user: AuthenticatedUser): Promise<ContactDto> {
    return this.contacts.create(clientId, body, user);
  }

  @Patch('contacts/:contactId')
  @RequirePermission('clients.write')
  @ApiOkResponse({ type: ContactDto })
  updateContact(
    @UuidParam('clientId') clientId: string,
    @UuidParam('contactId') contactId: string,
    @Body() body: UpdateContactDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ContactDto> {
    return this.contacts.update(clientId, contactId, body, user);
  }

  @Delete('contacts/:contactId')
  @HttpCode(204)
  @RequirePermission('clients.write')
  @ApiNoContentResponse()
  removeContact(@UuidParam('clientId') clientId: string, @UuidParam('contactId') contactId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.contacts.remove(clientId, contactId, user);
  }

  @Get('dossier')
  @RequirePermission('clients.read')
  @ApiOperation({ summary: 'The key-client dossier (empty with version 0 until written)' })
  @ApiOkResponse({ type: DossierDto })
  getDossier(@UuidParam('clientId') clientId: string, @CurrentUser() user: AuthenticatedUser): Promise<DossierDto> {
    return this.history.getDossier(clientId, user);
  }

  @Put('dossier')
  @RequirePermission('clients.write')
  @ApiOperation({ summary: 'Replace the dossier; send the version you read (0 for a new one)' })
  @ApiOkResponse({ type: DossierDto })
  putDossier(@UuidParam('clientId') clientId: string, @Body() body: PutDossierDto, @CurrentUser() user: AuthenticatedUser): Promise<DossierDto> {
    return this.history.putDossier(clientId, body, user);
  }

  @Get('notes')
  @RequirePermission('clients.read')
  @ApiPageResponse(TimelineEventDto)
  notes(@UuidParam('clientId') clientId: string, @Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<TimelineEventDto>> {
    return this.history.notes(clientId, query, user);
  }

  @Post('notes')
  @RequirePermission('clients.write')
  @ApiCreatedResponse({ type: TimelineEventDto })
  addNote(@UuidParam('clientId') clientId: string, @Body() body: CreateNoteDto, @CurrentUser() user: AuthenticatedUser): Promise<TimelineEventDto> {
    return this.history.addNote(clientId, body.text, user);
  }

  @Get('timeline')
  @RequirePermission('clients.read')
  @ApiOperation({ summary: 'Everything that happened with the client, newest first' })
  @ApiPageResponse(TimelineEventDto)
  timeline(@UuidParam('clientId') clientId: string, @Query() query: TimelineQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<TimelineEventDto>> {
    return this.history.history(clientId, query, user);
  }
}

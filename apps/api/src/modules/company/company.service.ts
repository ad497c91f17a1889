import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { VatRate } from '@polar/money';
import { isValidCorrespondentAccount, isValidOgrnip, isValidOgrnLegal, isValidSettlementAccount } from '@polar/ru-ids';
import { DataSource } from 'typeorm';
import { requestContext } from '../../common/context/request-context';
import { StaleVersionError, ValidationFailedError, type FieldProblem } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import type { CompanyProfileDto, UpdateCompanyProfileDto } from './dto/company.dto';
import { CompanyProfile } from './entities/company-profile.entity';

const ROW_ID = 1;

/** What print forms show before an admin has entered the requisites. */
const EMPTY: CompanyProfileDto = {
  configured: false,
  fullName: '',
  shortName: '',
  inn: '',
  kpp: null,
  ogrn: null,
  legalAddress: '',
  phone: null,
  email: null,
  bankName: null,
  bik: null,
  correspondentAccount: null,
  settlementAccount: null,
  directorTitle: 'Генеральный директор',
  directorName: null,
  accountantName: null,
  vatRate: '22',
  logo: null,
  version: 0,
  updatedAt: null,
};

/**
 * The seller's requisites: read by every print form, written by an admin or the
 * director (audited, optimistic version). The rules that tie fields together — an
 * organisation has a KPP, the OGRN fits the kind of taxpayer, the accounts belong to
 * the bank's BIK — live here; the per-field formats live in the DTO.
 */
@Injectable()
export class CompanyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<CompanyProfileDto> {
    const row = await this.dataSource.getRepository(CompanyProfile).findOne({ where: { id: ROW_ID } });
    return row ? toDto(row) : { ...EMPTY };
  }

  async update(input: UpdateCompanyProfileDto): Promise<CompanyProfileDto> {
    const problems = crossFieldProblems(input);
    if (problems.length) throw new ValidationFailedError(problems);
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(CompanyProfile);
      const before = await repo.findOne({ where: { id: ROW_ID }, lock: { mode: 'pessimistic_write' } });
      const current = before?.version ?? 0;
      // Read before the merge below, which writes into the loaded entity.
      const beforeView = before ? auditView(fieldsOf(before)) : null;
      if (input.version !== current) throw new StaleVersionError('Company profile', input.version, current);
      const next = {
        fullName: input.fullName,
        shortName: input.shortName,
        inn: input.inn,
        kpp: input.kpp ?? null,
        ogrn: input.ogrn ?? null,
        legalAddress: input.legalAddress,
        phone: input.phone ?? null,
        email: input.email ?? null,
        bankName: input.bankName ?? null,
        bik: input.bik ?? null,
        correspondentAccount: input.correspondentAccount ?? null,
        settlementAccount: input.settlementAccount ?? null,
        directorTitle: input.directorTitle ?? before?.directorTitle ?? EMPTY.directorTitle,
        directorName: input.directorName ?? null,
        accountantName: input.accountantName ?? null,
        vatRate: input.vatRate,
        logo: input.logo === undefined ? (before?.logo ?? null) : input.logo,
        updatedBy: requestContext.get()?.userId ?? null,
      };
      if (before) {
        // The version column is bumped by TypeORM on save; the lock above makes the check-and-write atomic.
        await repo.save(repo.merge(before, next));
      } else {
        await repo.insert({ id: ROW_ID, ...next, version: 1 });
      }
      await this.audit.record(em, {
        action: before ? 'update' : 'create',
        entityType: 'company_profile',
        entityId: String(ROW_ID),
        before: beforeView,
        after: auditView(fieldsOf(next)),
      });
    });
    return this.get();
  }
}

function fieldsOf(p: ProfileFields & Partial<CompanyProfile>): ProfileFields {
  const { id: _id, updatedAt: _at, version: _v, updatedBy: _by, ...fields } = p;
  return fields;
}

function toDto(row: CompanyProfile): CompanyProfileDto {
  return {
    configured: true,
    fullName: row.fullName,
    shortName: row.shortName,
    inn: row.inn,
    kpp: row.kpp,
    ogrn: row.ogrn,
    legalAddress: row.legalAddress,
    phone: row.phone,
    email: row.email,
    bankName: row.bankName,
    bik: row.bik,
    correspondentAccount: row.correspondentAccount,
    settlementAccount: row.settlementAccount,
    directorTitle: row.directorTitle,
    directorName: row.directorName,
    accountantName: row.accountantName,
    vatRate: row.vatRate as VatRate,
    logo: row.logo,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

type ProfileFields = Omit<CompanyProfile, 'id' | 'updatedAt' | 'version' | 'updatedBy'>;

/** The audit log keeps the requisites, not the logo's bytes: whether one is set is enough. */
function auditView(p: ProfileFields): Record<string, unknown> {
  const { logo, ...requisites } = p;
  return { ...requisites, logo: logo ? 'set' : null };
}

/** Rules across fields, each problem named by the field to correct. */
export function crossFieldProblems(input: UpdateCompanyProfileDto): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const organisation = input.inn.length === 10;
  if (organisation && !input.kpp) problems.push({ field: 'kpp', message: 'kpp is required for an organisation (10-digit INN)' });
  if (!organisation && input.kpp) problems.push({ field: 'kpp', message: 'an individual entrepreneur (12-digit INN) has no KPP' });
  if (input.ogrn && organisation && !isValidOgrnLegal(input.ogrn)) problems.push({ field: 'ogrn', message: 'an organisation has a 13-digit OGRN' });
  if (input.ogrn && !organisation && !isValidOgrnip(input.ogrn)) problems.push({ field: 'ogrn', message: 'an individual entrepreneur has a 15-digit OGRNIP' });
  const bank = { bankName: input.bankName, bik: input.bik, correspondentAccount: input.correspondentAccount, settlementAccount: input.settlementAccount };
  if (Object.values(bank).some(Boolean)) {
    for (const [field, value] of Object.entries(bank)) {
      if (!value) problems.push({ field, message: `${field} is required with the other bank details (an invoice prints all of them)` });
    }
    if (input.bik && input.settlementAccount && !isValidSettlementAccount(input.settlementAccount, input.bik)) {
      problems.push({ field: 'settlementAccount', message: 'settlementAccount does not belong to the bank with this BIK (control key mismatch)' });
    }
    if (input.bik && input.correspondentAccount && !isValidCorrespondentAccount(input.correspondentAccount, input.bik)) {
      problems.push({ field: 'correspondentAccount', message: 'correspondentAccount does not belong to the bank with this BIK (control key mismatch)' });
    }
  }
  return problems;
}
